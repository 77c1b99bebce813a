import type { Request } from 'express';
import type { AppConfigValues } from '@atelier/platform';
import { SESSION_COOKIE } from '../guard/authenticator';

type CookieConfig = Pick<AppConfigValues, 'publicUrl' | 'sessionMaxAgeMs'>;

/** Cookies are Secure behind HTTPS (TRUST_PROXY tells Express about a TLS proxy) or when PUBLIC_URL is https. */
export function secureCookies(req: Request, config: Pick<AppConfigValues, 'publicUrl'>): boolean {
  return req.secure || (config.publicUrl?.startsWith('https:') ?? false);
}

/** The Set-Cookie value of a new session (password login, setup, SSO). */
export function sessionCookie(req: Request, config: CookieConfig, token: string): string {
  const maxAge = Math.floor(config.sessionMaxAgeMs / 1000);
  return `${SESSION_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secureCookies(req, config) ? '; Secure' : ''}`;
}
