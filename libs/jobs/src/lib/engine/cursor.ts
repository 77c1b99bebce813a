import { InvalidInputError } from '@atelier/platform';

/** Opaque page cursors: base64url of the last id a page held. */
export function encodeCursor(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!cursor || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new InvalidInputError('cursor is not valid: pass the next_cursor value of a previous page unchanged.', {
      errors: [{ field: 'cursor', message: 'not a cursor this API issued' }],
    });
  }
  return id;
}
