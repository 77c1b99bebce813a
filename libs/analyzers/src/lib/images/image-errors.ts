import { Logger } from '@nestjs/common';
import { AtelierError } from '@atelier/platform';
import { sniffImageType, type ImageMimeType } from './image-type';

export const IMAGE_UNDECODABLE = 'image_undecodable';

/**
 * An image whose container is whole but whose pixels cannot be decoded (corrupt data inside).
 * Found when a job decodes it, after the upload was accepted; never worth retrying. A waiting
 * (sync) request answers it as 400, like any other undecodable upload.
 */
export class ImageUndecodableError extends AtelierError {
  readonly status = 400;
  readonly code = IMAGE_UNDECODABLE;
  readonly title = 'Bad Request';
}

const KIND_OF: Record<ImageMimeType, string> = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/webp': 'WebP', 'image/gif': 'GIF' };

const logger = new Logger('Images');

/**
 * What a person is told about a file that cannot be decoded, in plain words: `defect` is one of
 * ours (image-structure), never the decoder's text, which names libvips internals and goes to the log.
 */
export function undecodableDetail(subject: string, mimeType: ImageMimeType | undefined, defect = 'it is truncated or corrupt'): string {
  const kind = mimeType ? `${KIND_OF[mimeType]} image` : 'image';
  return `${subject} is not a valid ${kind}: ${defect}, so it cannot be decoded.`;
}

/** Logs what the decoder (sharp / libvips) said about a file it refused; the answer never carries it. */
export function logDecoderFailure(subject: string, cause: unknown): void {
  const text = cause instanceof Error ? cause.message : String(cause);
  logger.warn(`${subject} could not be decoded: ${text.split('\n')[0]}`);
}

/** The job-side failure of bytes that were stored but cannot be decoded. */
export function undecodableImage(subject: string, data: Buffer, cause: unknown): ImageUndecodableError {
  logDecoderFailure(subject, cause);
  return new ImageUndecodableError(undecodableDetail(subject, sniffImageType(data), decoderDefect(cause)), {
    cause,
    errors: [{ field: 'image', message: 'cannot be decoded' }],
  });
}

/** The one decoder refusal whose plain meaning is not "truncated or corrupt". */
function decoderDefect(cause: unknown): string | undefined {
  return cause instanceof Error && /pixel limit/i.test(cause.message) ? 'it has more pixels than MAX_IMAGE_PIXELS allows' : undefined;
}
