import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';

export class ProblemFieldErrorDto {
  @ApiProperty() field!: string;
  @ApiProperty() message!: string;
}

/** RFC 9457 problem details, answered as application/problem+json. */
export class ProblemDto {
  @ApiProperty({ example: 'https://atelier.dev/problems/not-found' }) type!: string;
  @ApiProperty({ example: 'Not Found' }) title!: string;
  @ApiProperty({ example: 404 }) status!: number;
  @ApiProperty({ example: 'No job with id "…".' }) detail!: string;
  @ApiProperty({ example: '/api/jobs/…' }) instance!: string;
  @ApiPropertyOptional({ example: 'not_found' }) code?: string;
  @ApiPropertyOptional({ type: [ProblemFieldErrorDto] }) errors?: ProblemFieldErrorDto[];
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (problem+json lists the fields)',
  401: 'No principal: sign in, or send an API key as "Authorization: Bearer <key>" (code "unauthenticated")',
  403: 'The principal\'s role is too low (code "forbidden"), or a cookie request from another origin (code "csrf")',
  404: 'Not found',
  409: 'Conflict with the current state',
  413: 'Upload too large',
  415: 'Unsupported media type',
  422: 'The request cannot be processed as sent',
  429: 'Too many requests (Retry-After and RateLimit-* headers), or the job quota is used up (code "quota_exceeded")',
  500: 'Unexpected error (logged)',
  502: 'The model provider failed',
  503: 'A dependency is unavailable',
  504: 'Timed out',
};

/** The OpenAPI response object of a problem+json answer of this status. */
export function problemResponse(status: number) {
  return { description: DESCRIPTIONS[status] ?? 'Error', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } } };
}

/** Documents problem+json answers (RFC 9457, schema ProblemDto) for the given statuses. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, ...problemResponse(status) })));
}
