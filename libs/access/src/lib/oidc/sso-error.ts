import { AtelierError } from '@atelier/platform';

/**
 * A sign-in through SSO that cannot go on. `code` is short and stable: a browser is sent to
 * `/login?error=<code>`, an API client gets it in the problem+json.
 */
export class SsoError extends AtelierError {
  readonly title = 'SSO sign-in failed';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
