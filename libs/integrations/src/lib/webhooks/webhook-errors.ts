import { AtelierError, InvalidInputError } from '@atelier/platform';

export const ALLOW_PRIVATE_VARIABLE = 'WEBHOOK_ALLOW_PRIVATE_NETWORKS';

/** A webhook or callback URL that points at an address the server will not call (SSRF protection). */
export class WebhookTargetForbiddenError extends AtelierError {
  readonly status = 400;
  readonly code = 'webhook_target_forbidden';
  readonly title = 'Bad Request';
}

/** A field of a webhook request that is not valid, named in `errors` so a form can show it. */
export function invalidField(field: string, message: string): InvalidInputError {
  return new InvalidInputError(message, { errors: [{ field, message }] });
}
