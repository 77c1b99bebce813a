import { ValidationError, ValidationPipe } from '@nestjs/common';
import type { ProblemFieldError } from '@atelier/contracts';
import { InvalidInputError } from './atelier-error';

function flatten(errors: ValidationError[], prefix = ''): ProblemFieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** The one validation pipe: unknown fields refused, values converted, errors listed per field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    exceptionFactory: (errors) => {
      const list = flatten(errors);
      const detail = list.map((e) => e.message).join('; ') || 'The request is not valid.';
      return new InvalidInputError(detail, { errors: list });
    },
  });
}
