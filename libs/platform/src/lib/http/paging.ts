import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString } from 'class-validator';
import { InvalidInputError } from '../errors/atelier-error';

/** The paging part of every list query: `limit` (clamped 1–200) and an opaque `cursor`. */
export class PageQuery {
  @ApiPropertyOptional({ description: 'Page size, clamped to 1–200', default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number (1–200)' })
  limit?: number;

  @ApiPropertyOptional({ description: 'next_cursor of the previous page' })
  @IsOptional()
  @IsString()
  cursor?: string;
}

export function clampLimit(limit: number | undefined, fallback = 50): number {
  return Math.min(200, Math.max(1, limit ?? fallback));
}

/** Opaque page cursors: base64url of the last id (a UUID) a page held. */
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
