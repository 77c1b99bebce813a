import { AtelierError } from '@atelier/platform';

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


export function undecodableReason(cause: unknown): string {
  return cause instanceof Error ? (cause.message.split('\n')[0] ?? cause.message) : String(cause);
}
