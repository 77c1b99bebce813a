import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsString, Length, ValidateBy, type ValidationArguments } from 'class-validator';

export const PRESET_NAME_MAX_LENGTH = 200;

/**
 * What a name must not hold: control characters (C0, DEL, C1), lone surrogates, line and paragraph
 * separators, and the invisible marks that reorder or hide text (bidi marks, embeddings, overrides
 * and isolates; zero-width space, word joiner, invisible operators, BOM, interlinear annotations),
 * with which a name can display as something it is not. Zero-width (non-)joiners stay: emoji
 * sequences and several scripts need them.
 */
const FORBIDDEN = /[\p{Cc}\p{Cs}\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/u;

/** The first character a preset name must not hold, with its position (1-based, in characters), if any. */
export function forbiddenInPresetName(name: string): { codePoint: string; position: number } | undefined {
  const match = FORBIDDEN.exec(name);
  if (!match) return undefined;
  const codePoint = `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return { codePoint, position: [...name.slice(0, match.index)].length + 1 };
}

/**
 * A preset name, in a JSON body (rename) or a form field (analyze): trimmed, 1–200 characters, and
 * free of control and invisible formatting characters. Errors name the field.
 */
export function IsPresetName(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value)),
    IsString({ message: ({ property }: ValidationArguments) => `${property} must be a string` }),
    Length(1, PRESET_NAME_MAX_LENGTH, {
      message: ({ property }: ValidationArguments) => `${property} must be 1–${PRESET_NAME_MAX_LENGTH} characters (spaces at either end do not count)`,
    }),
    ValidateBy({
      name: 'isPresetName',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !forbiddenInPresetName(value),
        defaultMessage: ({ property, value }: ValidationArguments) => {
          const found = forbiddenInPresetName(String(value))!;
          return `${property} must not contain control or invisible formatting characters (found ${found.codePoint} at character ${found.position})`;
        },
      },
    }),
  );
}
