/**
 * Domain errors: typed, with a stable code and an HTTP status. One exception filter turns them
 * into problem+json; controllers never build error bodies by hand.
 */
import type { ProblemFieldError } from '@atelier/contracts';

export abstract class AtelierError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  abstract readonly title: string;
  /** Whether a job that failed with this error may succeed on another attempt. */
  readonly retryable: boolean = false;
  readonly errors?: ProblemFieldError[];

  constructor(message: string, options?: { cause?: unknown; errors?: ProblemFieldError[] }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.errors = options?.errors;
  }
}

export class NotFoundError extends AtelierError {
  readonly status = 404;
  readonly code = 'not_found';
  readonly title = 'Not Found';
}

export class ConflictError extends AtelierError {
  readonly status = 409;
  readonly code: string;
  readonly title = 'Conflict';
  constructor(message: string, code = 'conflict') {
    super(message);
    this.code = code;
  }
}

export class InvalidInputError extends AtelierError {
  readonly status = 400;
  readonly code = 'invalid_input';
  readonly title = 'Bad Request';
}

export class PayloadTooLargeError extends AtelierError {
  readonly status = 413;
  readonly code = 'payload_too_large';
  readonly title = 'Payload Too Large';
}

export class UnsupportedMediaTypeError extends AtelierError {
  readonly status = 415;
  readonly code = 'unsupported_media_type';
  readonly title = 'Unsupported Media Type';
}

export class ServiceUnavailableError extends AtelierError {
  readonly status = 503;
  readonly code = 'service_unavailable';
  readonly title = 'Service Unavailable';
  override readonly retryable = true;
}

/** The model provider answered with an error (or nonsense). */
export class UpstreamError extends AtelierError {
  readonly status = 502;
  readonly title = 'Bad Gateway';
  override readonly retryable: boolean;
  readonly code: string;
  /** Milliseconds the upstream asked us to wait before trying again (retry-after). */
  readonly retryAfterMs?: number;
  constructor(message: string, options: { code?: string; retryable: boolean; retryAfterMs?: number; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.code = options.code ?? 'upstream_error';
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
  }
}

export class GatewayTimeoutError extends AtelierError {
  readonly status = 504;
  readonly code = 'timeout';
  readonly title = 'Gateway Timeout';
}

/** A job attempt that ran past its time limit. */
export class JobTimeoutError extends AtelierError {
  readonly status = 504;
  readonly code = 'job_timeout';
  readonly title = 'Job Timed Out';
  override readonly retryable = true;
}

/** A failure a handler marks explicitly as worth retrying (or not). */
export class JobFailure extends AtelierError {
  readonly status = 500;
  readonly title = 'Job Failed';
  readonly code: string;
  override readonly retryable: boolean;
  constructor(message: string, options: { code?: string; retryable: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.code = options.code ?? 'job_failed';
    this.retryable = options.retryable;
  }
}

/**
 * The data folder cannot take a write. The layer that detects it reports it once (rate-limited),
 * so the problem filter does not log every request that meets it again.
 */
export abstract class StorageError extends AtelierError {
  override readonly retryable = true;
}

/** Disk full, quota reached, or the database file cannot grow. */
export class InsufficientStorageError extends StorageError {
  readonly status = 507;
  readonly code = 'insufficient_storage';
  readonly title = 'Insufficient Storage';
}

/** The data folder is read-only or not writable by this process. */
export class StorageReadOnlyError extends StorageError {
  readonly status = 503;
  readonly code = 'storage_read_only';
  readonly title = 'Service Unavailable';
}
