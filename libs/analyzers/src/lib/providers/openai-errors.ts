import OpenAI from 'openai';
import { UpstreamError } from '@atelier/platform';
import { retryAfterMs } from './retry-after';

export interface EndpointContext {
  /** Where the request went, for messages ("https://api.openai.com/v1"). */
  baseUrl: string;
  model: string;
  /** Which variable names the model (VISION_MODEL or IMAGE_MODEL). */
  modelVariable: string;
}

/**
 * Turns an openai SDK error into an UpstreamError that says whether a retry can help and, when
 * it cannot, what to fix. Aborts are rethrown untouched: the job runner knows why it aborted.
 */
export function toUpstreamError(err: unknown, ctx: EndpointContext): unknown {
  if (err instanceof OpenAI.APIUserAbortError) return err;
  if (err instanceof OpenAI.APIConnectionTimeoutError) {
    return new UpstreamError(`The model endpoint ${ctx.baseUrl} did not answer in time.`, { code: 'upstream_timeout', retryable: true, cause: err });
  }
  if (err instanceof OpenAI.APIConnectionError) {
    return new UpstreamError(`Cannot reach the model endpoint ${ctx.baseUrl} (${err.message}). Check OPENAI_BASE_URL and the network.`, {
      code: 'upstream_unreachable',
      retryable: true,
      cause: err,
    });
  }
  if (!(err instanceof OpenAI.APIError) || err.status === undefined) return err;
  const said = upstreamMessage(err);
  const wait = retryAfterMs(err.headers);
  const status = err.status;
  if (status === 401) {
    return new UpstreamError(`OPENAI_API_KEY rejected by ${ctx.baseUrl} (401${said}). Set a valid key.`, { code: 'upstream_unauthorized', retryable: false, cause: err });
  }
  if (status === 403) {
    return new UpstreamError(`OPENAI_API_KEY may not use model "${ctx.model}" at ${ctx.baseUrl} (403${said}). Check the key's project and model access, or change ${ctx.modelVariable}.`, {
      code: 'upstream_forbidden',
      retryable: false,
      cause: err,
    });
  }
  if (status === 404) {
    return new UpstreamError(`Model "${ctx.model}" or the endpoint was not found at ${ctx.baseUrl} (404${said}). Check ${ctx.modelVariable} and OPENAI_BASE_URL.`, {
      code: 'upstream_not_found',
      retryable: false,
      cause: err,
    });
  }
  if (status === 429) {
    return new UpstreamError(`The model endpoint is rate limiting (429${said}).`, { code: 'upstream_rate_limited', retryable: true, retryAfterMs: wait, cause: err });
  }
  if (status >= 500 || status === 408 || status === 409) {
    return new UpstreamError(`The model endpoint failed (${status}${said}).`, { code: 'upstream_unavailable', retryable: true, retryAfterMs: wait, cause: err });
  }
  return new UpstreamError(
    `The model endpoint refused the request (${status}${said}). Check that ${ctx.modelVariable}="${ctx.model}" supports images and structured outputs.`,
    { code: 'upstream_bad_request', retryable: false, cause: err },
  );
}

function upstreamMessage(err: InstanceType<typeof OpenAI.APIError>): string {
  const body = err.error as { message?: unknown } | undefined;
  const message = typeof body?.message === 'string' ? body.message : '';
  return message ? `: ${message}` : '';
}
