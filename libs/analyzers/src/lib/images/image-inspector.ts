import sharp, { type Metadata } from 'sharp';
import { InvalidInputError, PayloadTooLargeError, UnsupportedMediaTypeError } from '@atelier/platform';
import { SHARP_FORMAT_OF, sniffImageType, type ImageMimeType } from './image-type';
import { structuralDefect } from './image-structure';
import { logDecoderFailure, undecodableDetail } from './image-errors';

export interface UploadedImageFile {
  buffer: Buffer;
  size: number;
  originalname?: string;
}

export interface UploadLimits {
  maxBytes: number;
  maxPixels: number;
}

export interface InspectedImage {
  original: Buffer;
  mimeType: ImageMimeType;
  /** Dimensions as displayed (EXIF orientation applied). */
  width: number;
  height: number;
}

/**
 * The checks that need no sharp: present, not empty, within the byte limit, a JPEG/PNG/WebP/GIF
 * by its magic bytes. Answers the type, so identical bytes already stored can skip the rest.
 */
export function checkUpload(file: UploadedImageFile | undefined, limits: UploadLimits): { file: UploadedImageFile; mimeType: ImageMimeType } {
  if (!file) {
    throw new InvalidInputError('image is required: send the file as the multipart/form-data field "image".', {
      errors: [{ field: 'image', message: 'is required' }],
    });
  }
  const name = nameOf(file);
  if (file.size === 0 || file.buffer.length === 0) {
    throw new InvalidInputError(`${name} is empty (0 bytes).`, { errors: [{ field: 'image', message: 'is empty' }] });
  }
  if (file.buffer.length > limits.maxBytes) {
    throw new PayloadTooLargeError(`${name} is ${file.buffer.length} bytes; the limit is ${limits.maxBytes} bytes (MAX_UPLOAD_BYTES).`);
  }
  const mimeType = sniffImageType(file.buffer);
  if (!mimeType) {
    throw new UnsupportedMediaTypeError(`${name} is not a JPEG, PNG, WebP or GIF image (judged by its content, not its name).`, {
      errors: [{ field: 'image', message: 'must be a JPEG, PNG, WebP or GIF image' }],
    });
  }
  return { file, mimeType };
}

/**
 * Validates an upload before anything is stored, without decoding its pixels: the checks above,
 * the pixel limit read from the header (so a decompression bomb is refused before it is decoded),
 * and a whole container (so a truncated file is refused at once). Decoding happens in the job.
 */
export async function inspectUpload(upload: UploadedImageFile | undefined, limits: UploadLimits): Promise<InspectedImage> {
  const { file, mimeType } = checkUpload(upload, limits);
  const name = nameOf(file);
  let meta: Metadata;
  try {
    meta = await sharp(file.buffer, { limitInputPixels: false }).metadata();
  } catch (err) {
    logDecoderFailure(name, err);
    throw undecodable(name, mimeType);
  }
  if (meta.format !== SHARP_FORMAT_OF[mimeType] || !meta.width || !meta.height) {
    throw undecodable(name, mimeType, 'its header does not describe a picture');
  }
  const pixels = meta.width * meta.height;
  if (pixels > limits.maxPixels) {
    throw new PayloadTooLargeError(
      `${name} is ${meta.width}×${meta.height} = ${(pixels / 1e6).toFixed(1)} megapixels; the limit is ${(limits.maxPixels / 1e6).toFixed(1)} megapixels (MAX_IMAGE_PIXELS).`,
    );
  }
  const defect = structuralDefect(file.buffer, mimeType);
  if (defect) throw undecodable(name, mimeType, `it is truncated or corrupt (${defect})`);
  const rotated = (meta.orientation ?? 1) >= 5;
  return {
    original: file.buffer,
    mimeType,
    width: rotated ? meta.height : meta.width,
    height: rotated ? meta.width : meta.height,
  };
}

function nameOf(file: UploadedImageFile): string {
  return file.originalname ? `"${file.originalname}"` : 'The upload';
}

function undecodable(name: string, mimeType: ImageMimeType, defect?: string): InvalidInputError {
  return new InvalidInputError(undecodableDetail(name, mimeType, defect), { errors: [{ field: 'image', message: 'cannot be decoded' }] });
}
