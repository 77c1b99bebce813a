import { AtelierError, ConflictError, InvalidInputError } from '@atelier/platform';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** The key was first used on another request (another body, file, query or route). */
export class IdempotencyMismatchError extends AtelierError {
  readonly status = 422;
  readonly code = 'idempotency_mismatch';
  readonly title = 'Unprocessable Content';
}

/** The request that first used the key is still running after a waiter's bound. */
export function stillInProgress(waitedMs: number): ConflictError {
  return new ConflictError(
    `A request with this ${IDEMPOTENCY_HEADER} is still being processed (waited ${Math.round(waitedMs / 1000)} s). Send the request again later to get its answer.`,
    'idempotency_in_progress',
  );
}

export function invalidKey(message: string): InvalidInputError {
  return new InvalidInputError(`${IDEMPOTENCY_HEADER}: ${message}`, { errors: [{ field: IDEMPOTENCY_HEADER, message }] });
}
