import { IDEMPOTENCY_HEADER, invalidKey } from './idempotency-errors';

export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;
const PRINTABLE = /^[\x20-\x7e]+$/;

/**
 * The request's Idempotency-Key, or undefined when it sent none. Throws 400 unless it is 1–255
 * printable ASCII characters (a UUID is the usual choice).
 */
export function idempotencyKeyOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  const raw = headers[IDEMPOTENCY_HEADER.toLowerCase()];
  if (raw === undefined) return undefined;
  if (Array.isArray(raw)) throw invalidKey('send the header once');
  if (raw.length === 0) throw invalidKey('must not be empty');
  if (raw.length > IDEMPOTENCY_KEY_MAX_LENGTH) throw invalidKey(`must be at most ${IDEMPOTENCY_KEY_MAX_LENGTH} characters, got ${raw.length}`);
  if (!PRINTABLE.test(raw)) throw invalidKey('must be printable ASCII characters (e.g. a UUID)');
  return raw;
}
