import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Problem, ProblemFieldError } from '@atelier/contracts';
import { AtelierError, StorageError } from './atelier-error';
import { TooManyRequestsError } from './access-errors';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  421: 'Misdirected Request',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  507: 'Insufficient Storage',
};

/** Multer's errors carry a `code` such as LIMIT_FILE_SIZE; map the ones a client causes. */
interface MulterLikeError {
  name: 'MulterError';
  code: string;
  field?: string;
  message: string;
}

function isMulterError(e: unknown): e is MulterLikeError {
  return typeof e === 'object' && e !== null && (e as { name?: string }).name === 'MulterError';
}

/** Answers every error as RFC 9457 problem+json. Unexpected errors log their stack and say nothing more. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const problem = this.toProblem(exception, req.originalUrl ?? req.url);
    // A storage fault was already logged, rate-limited, where it was detected.
    if (problem.status >= 500 && !(exception instanceof StorageError)) {
      this.logger.error(`${req.method} ${req.originalUrl} → ${problem.status}`, (exception as Error)?.stack);
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    if (exception instanceof TooManyRequestsError) res.setHeader('Retry-After', String(exception.retryAfterS));
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  toProblem(exception: unknown, instance: string): Problem {
    if (exception instanceof AtelierError) {
      return this.problem(exception.status, exception.message, instance, exception.code, exception.errors);
    }
    if (isMulterError(exception)) {
      if (exception.code === 'LIMIT_FILE_SIZE') {
        return this.problem(413, `The upload is larger than the configured limit (${exception.message}).`, instance, 'payload_too_large');
      }
      return this.problem(400, `Upload rejected: ${exception.message}${exception.field ? ` (field "${exception.field}")` : ''}.`, instance, 'invalid_upload');
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const { detail, errors } = describeHttpException(body, exception.message);
      return this.problem(status, detail, instance, status === 404 ? 'not_found' : codeFor(status), errors);
    }
    return this.problem(HttpStatus.INTERNAL_SERVER_ERROR, 'An unexpected error occurred. It has been logged.', instance, 'internal_error');
  }

  private problem(status: number, detail: string, instance: string, code: string, errors?: ProblemFieldError[]): Problem {
    const title = TITLES[status] ?? 'Error';
    const problem: Problem = {
      type: `https://atelier.dev/problems/${code.replace(/_/g, '-')}`,
      title,
      status,
      detail,
      instance,
      code,
    };
    if (errors?.length) problem.errors = errors;
    return problem;
  }
}

function codeFor(status: number): string {
  return (TITLES[status] ?? 'error').toLowerCase().replace(/[^a-z]+/g, '_');
}

function describeHttpException(body: unknown, fallback: string): { detail: string; errors?: ProblemFieldError[] } {
  if (typeof body === 'string') return { detail: body };
  if (body && typeof body === 'object') {
    const b = body as { message?: unknown; errors?: ProblemFieldError[] };
    if (Array.isArray(b.errors)) {
      return { detail: typeof b.message === 'string' ? b.message : fallback, errors: b.errors };
    }
    if (Array.isArray(b.message)) return { detail: b.message.join('; ') };
    if (typeof b.message === 'string') return { detail: b.message };
  }
  return { detail: fallback };
}
