import type { Browser, Visit } from './browser';

/** Who signs in at the test provider's login form. */
export interface IdpAccount {
  email: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
  sub?: string;
}

export interface ToCallback {
  /** The first redirect: to the issuer's authorization endpoint. */
  authorizationUrl: URL;
  /** Where the issuer sends the browser back to Atelier (not visited yet). */
  callbackUrl: string;
}

/**
 * Starts at Atelier's GET /api/auth/oidc/login and goes through the provider's login and consent
 * pages (or cancels at the first one with `deny`), stopping at the redirect back to Atelier.
 */
export async function toCallback(browser: Browser, atelierUrl: string, account: IdpAccount, options: { returnTo?: string; deny?: boolean } = {}): Promise<ToCallback> {
  const query = options.returnTo === undefined ? '' : `?return_to=${encodeURIComponent(options.returnTo)}`;
  const start = await browser.get(`${atelierUrl}/api/auth/oidc/login${query}`);
  if (start.status !== 302 || !start.location) throw new Error(`login answered ${start.status} ${start.location ?? ''}: ${start.body}`);
  const authorizationUrl = new URL(start.location);
  let location = start.location;
  for (let step = 0; step < 20; step++) {
    if (location.startsWith(`${atelierUrl}/`)) return { authorizationUrl, callbackUrl: location };
    const page: Visit = await browser.get(location);
    if (page.status >= 300 && page.status < 400 && page.location) {
      location = page.location;
      continue;
    }
    const prompt = /data-prompt="(\w+)"/.exec(page.body)?.[1];
    const action = /action="([^"]+)"/.exec(page.body)?.[1];
    if (page.status !== 200 || !prompt || !action) throw new Error(`unexpected page at ${location} (${page.status}): ${page.body}`);
    if (options.deny) {
      location = new URL(/href="([^"]+\/abort)"/.exec(page.body)![1], location).href;
      continue;
    }
    const form: Record<string, string> =
      prompt === 'login'
        ? { email: account.email, email_verified: String(account.email_verified ?? true), name: account.name ?? '', groups: (account.groups ?? []).join(','), sub: account.sub ?? '' }
        : {};
    const posted = await browser.post(new URL(action, location).href, form);
    if (!posted.location) throw new Error(`${prompt} answered ${posted.status}: ${posted.body}`);
    location = posted.location;
  }
  throw new Error('the sign-in did not come back to Atelier within 20 steps');
}

/** A whole sign-in: the answer of Atelier's callback (a redirect to return_to, or to /login?error=…). */
export async function signIn(browser: Browser, atelierUrl: string, account: IdpAccount, options: { returnTo?: string; deny?: boolean } = {}): Promise<Visit> {
  const { callbackUrl } = await toCallback(browser, atelierUrl, account, options);
  return browser.get(callbackUrl);
}
