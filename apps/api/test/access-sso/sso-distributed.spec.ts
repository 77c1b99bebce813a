/**
 * SSO across nodes: a sign-in started on one API node and answered on another (as behind a load
 * balancer) on PostgreSQL, against a real OpenID Connect provider.
 */
import type { User } from '@atelier/contracts';
import { dropTestNamespace, testNamespace, TEST_DATABASE_URL } from '../access/access-harness';
import { ACCESS_ENV } from '../support/auth';
import { ServerProcess, freePort } from '../support/server-process';
import { Browser } from './support/browser';
import { OIDC_CLIENT, OidcProviderProcess } from './support/oidc-provider-process';
import { toCallback } from './support/sso-flow';

jest.setTimeout(90_000);

describe('Sign in with SSO in distributed mode', () => {
  const ns = testNamespace();
  const nodes: ServerProcess[] = [];
  let provider: OidcProviderProcess;

  beforeAll(async () => {
    const ports = [await freePort(), await freePort()];
    provider = new OidcProviderProcess(await freePort(), ports.map((p) => `http://127.0.0.1:${p}/api/auth/oidc/callback`));
    const issuer = await provider.start();
    const env = {
      ...ACCESS_ENV,
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_SCHEMA: ns.schema,
      QUEUE_BACKEND: 'postgres',
      QUEUE_PREFIX: ns.prefix,
      OIDC_ISSUER_URL: issuer,
      OIDC_CLIENT_ID: OIDC_CLIENT.id,
      OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
      OIDC_ROLE_CLAIM: 'groups',
      OIDC_ROLE_MAP: 'atelier-ops=operator',
    };
    // One after the other: the first creates the schema and the first admin.
    for (const port of ports) {
      const node = new ServerProcess(port, env);
      nodes.push(node);
      await node.start(40_000);
    }
  });

  afterAll(async () => {
    for (const node of nodes) await node.kill();
    await provider?.stop();
    await dropTestNamespace(ns);
  });

  it('a sign-in started on one node completes on another, and the session works on both', async () => {
    const [a, b] = nodes;
    const browser = new Browser();
    const { callbackUrl } = await toCallback(browser, a.url, { email: 'olga@example.com', groups: ['atelier-ops'] }, { returnTo: '/jobs' });
    expect(callbackUrl.startsWith(`${a.url}/api/auth/oidc/callback?`)).toBe(true);

    // The load balancer sends the issuer's answer to the other node, with the browser's cookies.
    const onB = callbackUrl.replace(a.url, b.url);
    const cookie = browser.cookieHeader(callbackUrl);
    const back = await fetch(onB, { headers: { accept: 'text/html', cookie }, redirect: 'manual' });
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe('/jobs');
    const session = back.headers.getSetCookie().find((c) => c.startsWith('atelier_session='))!.split(';')[0];

    for (const node of nodes) {
      const me = await fetch(`${node.url}/api/auth/me`, { headers: { cookie: session } });
      expect(me.status).toBe(200);
      expect((await me.json()) as User).toMatchObject({ email: 'olga@example.com', role: 'operator' });
    }
  });
});
