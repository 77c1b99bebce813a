import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@atelier/platform';
import { ImagesService, type ImageBytes } from './images.service';
import { normaliseImage } from './image-normaliser';

/**
 * The analyze job's "preparing image" step: the normalised copy of an image, made on first use
 * (decode, orient, strip metadata, cap at 2048 px) and recorded on the image row, so every later
 * analysis of the same image reuses it. Concurrent analyses of one image (a comprehensive
 * request's children) share a single normalisation.
 */
@Injectable()
export class ImagePreparation {
  private readonly inFlight = new Map<string, Promise<ImageBytes>>();

  constructor(
    private readonly images: ImagesService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** Throws ImageUndecodableError (not retryable) when the stored bytes cannot be decoded. */
  prepared(imageId: string): Promise<ImageBytes> {
    const running = this.inFlight.get(imageId);
    if (running) return running;
    const preparing = this.prepare(imageId).finally(() => this.inFlight.delete(imageId));
    this.inFlight.set(imageId, preparing);
    return preparing;
  }

  private async prepare(imageId: string): Promise<ImageBytes> {
    const image = await this.images.get(imageId);
    if (this.images.isNormalised(image)) return this.images.normalised(imageId);
    const { data } = await this.images.original(imageId);
    const normalised = await normaliseImage(data, this.config.values.maxImagePixels);
    await this.images.recordNormalised(imageId, normalised.data, normalised.mimeType);
    return { data: normalised.data, mimeType: normalised.mimeType };
  }
}
