import type { JobError } from '@atelier/contracts';
import { AtelierError } from '@atelier/platform';

/** Errors a job may end with; everything else a handler throws is retryable by default. */
const PROGRAMMING_ERRORS = [TypeError, ReferenceError, SyntaxError, RangeError];

export function toJobError(err: unknown): JobError {
  if (err instanceof AtelierError) return { message: err.message, code: err.code, retryable: err.retryable };
  if (err instanceof Error) {
    const bug = PROGRAMMING_ERRORS.some((E) => err instanceof E);
    return { message: err.message || err.name, code: bug ? 'internal_error' : 'handler_error', retryable: !bug };
  }
  return { message: String(err), code: 'handler_error', retryable: true };
}

export function retryAfterOf(err: unknown): number {
  const ms = (err as { retryAfterMs?: unknown })?.retryAfterMs;
  return typeof ms === 'number' && ms > 0 ? ms : 0;
}
