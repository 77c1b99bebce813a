import type { Request } from 'express';
import type { AppConfigValues } from '@atelier/platform';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The client's address (X-Forwarded-For's first hop only when TRUST_PROXY is on; Express applies it). */
export function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/**
 * Whether a state-changing request that a cookie authenticates comes from the console's own
 * origin: PUBLIC_URL's when set, otherwise any loopback origin on the port the request came in on. Origin, else
 * Referer; neither: refused.
 */
export function fromConsoleOrigin(req: Request, config: Pick<AppConfigValues, 'publicUrl'>): boolean {
  const origin = req.headers.origin ?? originOfReferer(req.headers.referer);
  if (!origin || origin === 'null') return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (config.publicUrl) return url.origin === new URL(config.publicUrl).origin;
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return LOOPBACK.has(url.hostname) && port === String(req.socket.localPort);
}

function originOfReferer(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}
