import { AtelierError } from './atelier-error';

/** No principal: no session cookie and no valid API key. */
export class UnauthenticatedError extends AtelierError {
  readonly status = 401;
  readonly code = 'unauthenticated';
  readonly title = 'Unauthorized';
}

/** A principal whose role is too low for the route, or a cross-site request (`code: "csrf"`). */
export class ForbiddenError extends AtelierError {
  readonly status = 403;
  readonly code: string;
  readonly title = 'Forbidden';
  constructor(message: string, code = 'forbidden') {
    super(message);
    this.code = code;
  }
}

/** A request for a Host this server does not serve (DNS rebinding). */
export class MisdirectedRequestError extends AtelierError {
  readonly status = 421;
  readonly code = 'misdirected_request';
  readonly title = 'Misdirected Request';
}

/** Too many requests (rate limit, login throttling) or jobs (quota). The filter sets Retry-After. */
export class TooManyRequestsError extends AtelierError {
  readonly status = 429;
  readonly code: string;
  readonly title = 'Too Many Requests';
  constructor(
    message: string,
    readonly retryAfterS: number,
    code = 'rate_limited',
  ) {
    super(message);
    this.code = code;
  }
}
