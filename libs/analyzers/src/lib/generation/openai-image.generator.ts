import type OpenAI from 'openai';
import sharp, { type Metadata } from 'sharp';
import { UpstreamError } from '@atelier/platform';
import { ImageGenerator, type GeneratedImage, type GenerationRequest } from './image-generator.port';
import { toUpstreamError } from '../providers/openai-errors';
import { OPENAI_PROVIDER } from '../providers/openai-vision.provider';

/** Image generation through the openai SDK's images API (gpt-image-1 answers base64). */
export class OpenAiImageGenerator extends ImageGenerator {
  readonly name = OPENAI_PROVIDER;

  constructor(
    private readonly client: OpenAI,
    readonly model: string,
  ) {
    super();
  }

  async generate(request: GenerationRequest): Promise<GeneratedImage> {
    let response: OpenAI.Images.ImagesResponse;
    try {
      response = await this.client.images.generate({ model: this.model, prompt: request.prompt, n: 1, size: '1024x1024' }, { signal: request.signal });
    } catch (err) {
      throw toUpstreamError(err, { baseUrl: this.client.baseURL, model: this.model, modelVariable: 'IMAGE_MODEL' });
    }
    const b64 = response.data?.[0]?.b64_json;
    if (!b64) {
      throw new UpstreamError(`The image endpoint answered without image data; check that IMAGE_MODEL="${this.model}" returns base64 images.`, {
        code: 'invalid_model_output',
        retryable: false,
      });
    }
    let png: Buffer;
    let meta: Metadata;
    try {
      png = await sharp(Buffer.from(b64, 'base64')).png().toBuffer();
      meta = await sharp(png).metadata();
    } catch (err) {
      throw new UpstreamError('The image endpoint answered with bytes that are not an image.', { code: 'invalid_model_output', retryable: false, cause: err });
    }
    return { data: png, width: meta.width ?? 0, height: meta.height ?? 0, model: this.model };
  }
}
