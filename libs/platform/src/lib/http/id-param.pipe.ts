import type { PipeTransform } from '@nestjs/common';
import { NotFoundError } from '../errors/atelier-error';

/** Longest id a path may name, as for the other opaque strings of the API (Idempotency-Key). */
export const MAX_ID_LENGTH = 255;

/**
 * A path id. Ids are opaque to clients (API.md), so any id that names nothing answers 404, whatever
 * its shape. One that cannot have been issued (past MAX_ID_LENGTH, or holding a control character,
 * which PostgreSQL text refuses) answers the same 404 without a look-up.
 */
export class IdParamPipe implements PipeTransform<string, string> {
  constructor(private readonly noun: string) {}

  transform(value: string): string {
    if (value.length > MAX_ID_LENGTH) {
      throw new NotFoundError(`No ${this.noun} with id "${value.slice(0, 40)}…" (ids are at most ${MAX_ID_LENGTH} characters).`);
    }
    if (/\p{Cc}/u.test(value)) throw new NotFoundError(`No ${this.noun} with id ${JSON.stringify(value)}.`);
    return value;
  }
}
