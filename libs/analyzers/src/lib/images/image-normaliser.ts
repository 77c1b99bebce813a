import sharp from 'sharp';
import { undecodableImage } from './image-errors';
import { withImageWorkSlot } from './image-work-gate';

export interface NormalisedImage {
  data: Buffer;
  mimeType: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
}

/** Longest side the model ever sees. */
export const MAX_MODEL_SIDE = 2048;

/**
 * The copy a model sees: decoded fully (so corrupt data shows), EXIF orientation applied, all
 * metadata (GPS included) dropped, long side capped at 2048 px; PNG when it has alpha, else JPEG.
 * Throws ImageUndecodableError (not retryable) when the pixels cannot be decoded.
 */
export function normaliseImage(data: Buffer, maxPixels: number): Promise<NormalisedImage> {
  return withImageWorkSlot(() => normalise(data, maxPixels));
}

async function normalise(data: Buffer, maxPixels: number): Promise<NormalisedImage> {
  try {
    const { hasAlpha } = await sharp(data, { limitInputPixels: maxPixels }).metadata();
    const pipeline = sharp(data, { failOn: 'truncated', limitInputPixels: maxPixels, autoOrient: true }).resize({
      width: MAX_MODEL_SIDE,
      height: MAX_MODEL_SIDE,
      fit: 'inside',
      withoutEnlargement: true,
    });
    const encoded = hasAlpha ? pipeline.png() : pipeline.jpeg({ quality: 90 });
    const { data: out, info } = await encoded.toBuffer({ resolveWithObject: true });
    return { data: out, mimeType: hasAlpha ? 'image/png' : 'image/jpeg', width: info.width, height: info.height };
  } catch (err) {
    throw undecodableImage('The file', data, err);
  }
}
