/**
 * "Sign in with SSO" end to end: the built server and a real OpenID Connect provider
 * (oidc-provider, tools/testing/oidc-provider-server.mjs), driven over plain HTTP as a browser would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditList, User, UserList } from '@atelier/contracts';
import { ACCESS_ENV, authHeaders, loginAsAdmin } from '../support/auth';
import { ServerProcess, freePort } from '../support/server-process';
import { Browser } from './support/browser';
import { OIDC_CLIENT, OidcProviderProcess } from './support/oidc-provider-process';
import { signIn, toCallback, type IdpAccount } from './support/sso-flow';

jest.setTimeout(60_000);

describe('Sign in with SSO (OpenID Connect, code + PKCE, against a real provider)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'atelier-sso-'));
  let server: ServerProcess;
  let provider: OidcProviderProcess;
  let providerPort: number;
  let adminKey: string;

  const me = async (browser: Browser): Promise<Response> => fetch(`${server.url}/api/auth/me`, { headers: { cookie: browser.cookieHeader(`${server.url}/api/auth/me`) } });
  const asAdmin = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const res = await fetch(`${server.url}${path}`, { ...init, headers: { ...authHeaders(adminKey), 'content-type': 'application/json', ...init.headers } });
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path} answered ${res.status}: ${await res.text()}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  };
  const usersWithEmail = async (email: string): Promise<User[]> => (await asAdmin<UserList>('/api/users')).users.filter((u) => u.email === email);
  const sessionCookieOf = (setCookies: string[]) => setCookies.find((c) => c.startsWith('atelier_session='));

  beforeAll(async () => {
    const port = await freePort();
    providerPort = await freePort();
    // The issuer is not up yet: discovery must wait for the first sign-in.
    server = new ServerProcess(port, {
      ...ACCESS_ENV,
      DATA_DIR: dataDir,
      OIDC_ISSUER_URL: `http://127.0.0.1:${providerPort}`,
      OIDC_CLIENT_ID: OIDC_CLIENT.id,
      OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
      OIDC_DEFAULT_ROLE: 'member',
      OIDC_ROLE_CLAIM: 'groups',
      OIDC_ROLE_MAP: 'atelier-admins=admin,atelier-ops=operator',
    });
    await server.start();
    adminKey = await loginAsAdmin(server.url);
  });

  afterAll(async () => {
    await provider?.stop();
    await server?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('offers SSO on the setup status', async () => {
    const res = await fetch(`${server.url}/api/auth/setup`);
    expect(await res.json()).toEqual({ needed: false, sso: true });
  });

  it('answers 503 problem+json (a browser: /login?error=sso_unavailable) while the issuer is down, and discovers it once it is up', async () => {
    const json = await fetch(`${server.url}/api/auth/oidc/login`, { headers: { accept: 'application/json' }, redirect: 'manual' });
    expect(json.status).toBe(503);
    expect(json.headers.get('content-type')).toContain('application/problem+json');
    expect(await json.json()).toMatchObject({ status: 503, code: 'sso_unavailable' });

    const browser = new Browser();
    const page = await browser.get(`${server.url}/api/auth/oidc/login?return_to=/jobs`);
    expect(page.status).toBe(302);
    expect(page.location).toBe(`${server.url}/login?error=sso_unavailable&return_to=%2Fjobs`);

    provider = new OidcProviderProcess(providerPort, [`${server.url}/api/auth/oidc/callback`]);
    await provider.start();
    const now = await browser.get(`${server.url}/api/auth/oidc/login`);
    expect(now.status).toBe(302);
    expect(new URL(now.location!).origin).toBe(provider.issuer);
  });

  describe('with the issuer up', () => {
    const ann: IdpAccount = { email: 'ann@example.com', name: 'Ann Ops', groups: ['atelier-ops', 'sales'] };

    it('signs a new person in: PKCE, state and nonce sent; user created with the mapped role; session cookie; audited', async () => {
      const browser = new Browser();
      const { authorizationUrl, callbackUrl } = await toCallback(browser, server.url, ann, { returnTo: '/jobs?status=running' });
      const params = authorizationUrl.searchParams;
      expect(authorizationUrl.origin).toBe(provider.issuer);
      expect(params.get('response_type')).toBe('code');
      expect(params.get('client_id')).toBe(OIDC_CLIENT.id);
      expect(params.get('redirect_uri')).toBe(`${server.url}/api/auth/oidc/callback`);
      expect(params.get('code_challenge_method')).toBe('S256');
      expect(params.get('code_challenge')).toMatch(/^[\w-]{43}$/);
      expect(params.get('state')).toBeTruthy();
      expect(params.get('nonce')).toBeTruthy();
      expect(params.get('scope')!.split(' ')).toEqual(expect.arrayContaining(['openid', 'email', 'profile', 'groups']));
      expect(browser.cookie(new URL(server.url).host, 'atelier_oidc')).toBeTruthy();

      const back = await browser.get(callbackUrl);
      expect(back.status).toBe(302);
      expect(back.location).toBe(`${server.url}/jobs?status=running`);
      const session = sessionCookieOf(back.setCookies);
      expect(session).toMatch(/; HttpOnly/);
      expect(session).toMatch(/; SameSite=Lax/);
      expect(browser.cookie(new URL(server.url).host, 'atelier_oidc')).toBeUndefined();

      const res = await me(browser);
      expect(res.status).toBe(200);
      const user = (await res.json()) as User;
      expect(user).toMatchObject({ email: 'ann@example.com', name: 'Ann Ops', role: 'operator', disabled: false });

      const audit = await asAdmin<AuditList>(`/api/audit?action=auth.login&actor=${user.user_id}`);
      expect(audit.audit).toHaveLength(1);
      expect(audit.audit[0].detail).toEqual({ via: 'sso' });
    });

    it('a second sign-in of the same subject reuses the user and maps its role again (highest match wins; no match: the default role)', async () => {
      const [before] = await usersWithEmail('ann@example.com');

      const admin = new Browser();
      expect((await signIn(admin, server.url, { ...ann, groups: ['atelier-ops', 'atelier-admins'] })).location).toBe(`${server.url}/`);
      expect(await (await me(admin)).json()).toMatchObject({ user_id: before.user_id, role: 'admin' });

      const member = new Browser();
      await signIn(member, server.url, { ...ann, groups: ['sales'] });
      expect(await (await me(member)).json()).toMatchObject({ user_id: before.user_id, role: 'member' });

      expect(await usersWithEmail('ann@example.com')).toHaveLength(1);
    });

    it('links an existing account by its verified email; refuses to link an unverified one', async () => {
      const bob = await asAdmin<User>('/api/users', { method: 'POST', body: JSON.stringify({ email: 'bob@example.com', password: 'a long password for bob', role: 'member' }) });
      const browser = new Browser();
      await signIn(browser, server.url, { email: 'bob@example.com', email_verified: true });
      expect(await (await me(browser)).json()).toMatchObject({ user_id: bob.user_id, role: 'member' });

      await asAdmin<User>('/api/users', { method: 'POST', body: JSON.stringify({ email: 'carol@example.com', password: 'a long password for carol', role: 'member' }) });
      const stranger = new Browser();
      const refused = await signIn(stranger, server.url, { email: 'carol@example.com', email_verified: false });
      expect(refused.location).toBe(`${server.url}/login?error=sso_email_unverified`);
      expect(sessionCookieOf(refused.setCookies)).toBeUndefined();
      expect((await me(stranger)).status).toBe(401);
    });

    it('refuses a disabled user', async () => {
      const [dave] = await (async () => {
        await signIn(new Browser(), server.url, { email: 'dave@example.com' });
        return usersWithEmail('dave@example.com');
      })();
      await asAdmin<User>(`/api/users/${dave.user_id}`, { method: 'PATCH', body: JSON.stringify({ disabled: true }) });

      const browser = new Browser();
      const refused = await signIn(browser, server.url, { email: 'dave@example.com' });
      expect(refused.location).toBe(`${server.url}/login?error=account_disabled`);
      expect(sessionCookieOf(refused.setCookies)).toBeUndefined();
    });

    it('refuses a tampered state, and a tampered or replayed login-state cookie', async () => {
      const browser = new Browser();
      const { callbackUrl } = await toCallback(browser, server.url, ann);
      const tampered = new URL(callbackUrl);
      tampered.searchParams.set('state', `${tampered.searchParams.get('state')}x`);
      const asJson = await fetch(tampered, { headers: { accept: 'application/json', cookie: browser.cookieHeader(callbackUrl) }, redirect: 'manual' });
      expect(asJson.status).toBe(400);
      expect(await asJson.json()).toMatchObject({ code: 'sso_state_mismatch' });
      const refused = await browser.get(tampered.href);
      expect(refused.location).toBe(`${server.url}/login?error=sso_state_mismatch`);
      expect(sessionCookieOf(refused.setCookies)).toBeUndefined();
      // The state was spent: the genuine answer no longer signs in either.
      expect((await browser.get(callbackUrl)).location).toBe(`${server.url}/login?error=sso_expired`);
      expect((await me(browser)).status).toBe(401);

      const forger = new Browser();
      const second = await toCallback(forger, server.url, ann);
      const sealed = forger.cookie(new URL(server.url).host, 'atelier_oidc')!;
      const flipped = `${sealed.slice(0, -2)}${sealed.endsWith('AA') ? 'BA' : 'AA'}`;
      forger.setCookie(server.url, 'atelier_oidc', flipped, '/api/auth/oidc');
      expect((await forger.get(second.callbackUrl)).location).toBe(`${server.url}/login?error=sso_expired`);
      expect((await me(forger)).status).toBe(401);
    });

    it.each(['https://evil.example', '//evil.example/jobs', '/\\evil.example'])('never sends the browser off the site after signing in (return_to=%s)', async (returnTo) => {
      const browser = new Browser();
      const back = await signIn(browser, server.url, ann, { returnTo });
      expect(back.status).toBe(302);
      expect(back.location).toBe(`${server.url}/`);
      expect((await me(browser)).status).toBe(200);
    });

    it('a sign-in cancelled at the issuer returns to the login page with sso_denied', async () => {
      const browser = new Browser();
      const back = await signIn(browser, server.url, { email: 'erin@example.com' }, { deny: true, returnTo: '/presets' });
      expect(back.location).toBe(`${server.url}/login?error=sso_denied&return_to=%2Fpresets`);
      expect(await usersWithEmail('erin@example.com')).toHaveLength(0);
    });
  });
});
