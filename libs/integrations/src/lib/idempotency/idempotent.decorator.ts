import { UseInterceptors, applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { IDEMPOTENCY_HEADER } from './idempotency-errors';
import { IDEMPOTENCY_KEY_MAX_LENGTH } from './idempotency-key';
import { IdempotencyInterceptor } from './idempotency.interceptor';

const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } };

/**
 * Makes a job-creating route honour Idempotency-Key (and documents it in OpenAPI). List it above
 * the route's upload interceptor: Nest runs interceptors top-down, and the fingerprint needs the parsed upload.
 */
export const Idempotent = (): MethodDecorator =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: IDEMPOTENCY_HEADER,
      required: false,
      description: `1–${IDEMPOTENCY_KEY_MAX_LENGTH} printable characters (e.g. a UUID). The same key and request within 24 h (IDEMPOTENCY_TTL_MS) answer the first answer again, with Idempotent-Replayed: true, and create nothing.`,
      schema: { type: 'string', minLength: 1, maxLength: IDEMPOTENCY_KEY_MAX_LENGTH },
    }),
    ApiResponse({ status: 422, description: 'The Idempotency-Key was used on a different request (code idempotency_mismatch)', content: problem }),
  );
