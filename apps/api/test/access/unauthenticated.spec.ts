/** Access: every route but health, login and setup answers 401 without a principal. */
import { ADMIN, expectProblem, expectStatus, multipart, send, uniquePng, useAccessServer } from './access-harness';

jest.setTimeout(60_000);

const SOME_ID = '01936e3a-0000-7000-8000-000000000000';
const SOME_IMAGE = 'a'.repeat(64);

describe('access: no principal, no answer (401)', () => {
  const suite = useAccessServer();

  const routes: [string, string][] = [
    ['GET', '/api/jobs'],
    ['GET', `/api/jobs/${SOME_ID}`],
    ['POST', `/api/jobs/${SOME_ID}/cancel`],
    ['POST', `/api/jobs/${SOME_ID}/retry`],
    ['DELETE', `/api/jobs/${SOME_ID}`],
    ['GET', '/api/jobs/stream'],
    ['GET', '/api/presets'],
    ['GET', `/api/presets/${SOME_ID}`],
    ['PATCH', `/api/presets/${SOME_ID}`],
    ['DELETE', `/api/presets/${SOME_ID}`],
    ['POST', `/api/presets/${SOME_ID}/generate`],
    ['GET', `/api/images/${SOME_IMAGE}`],
    ['GET', `/api/images/${SOME_IMAGE}/thumbnail`],
    ['GET', '/api/analyzers'],
    ['GET', '/api/users'],
    ['POST', '/api/users'],
    ['PATCH', `/api/users/${SOME_ID}`],
    ['DELETE', `/api/users/${SOME_ID}`],
    ['GET', '/api/api-keys'],
    ['POST', '/api/api-keys'],
    ['DELETE', `/api/api-keys/${SOME_ID}`],
    ['GET', '/api/audit'],
    ['GET', '/api/auth/me'],
    ['GET', '/api/openapi.json'],
    ['GET', '/metrics'],
  ];

  it.each(routes)('%s %s answers 401 unauthenticated', async (method, path) => {
    const answer = await send(`${suite.server.url}${path}`, {
      method,
      headers: { accept: path.endsWith('/stream') ? 'text/event-stream' : 'application/json', origin: suite.server.url, 'content-type': 'application/json' },
      body: method === 'GET' || method === 'DELETE' ? undefined : JSON.stringify({ name: 'x' }),
    });
    expectProblem(answer, 401, 'unauthenticated');
  });

  it('an analysis without a principal answers 401 and creates no job', async () => {
    for (const path of ['/api/analyzers/hair-color/analyze?async_mode=true', '/api/analyzers/comprehensive/analyze?async_mode=true']) {
      const form = await multipart({ image: await uniquePng() });
      const answer = await send(`${suite.server.url}${path}`, { method: 'POST', headers: { 'content-type': form.contentType, origin: suite.server.url }, body: form.body });
      expectProblem(answer, 401, 'unauthenticated');
    }
    expect(await suite.admin.jobIds()).toEqual([]);
  });

  it('an unknown, malformed or empty API key and a forged session cookie are no principal', async () => {
    const credentials: Record<string, string>[] = [
      { authorization: 'Bearer atelier_notakeyatall0000000000000000000000000000000' },
      { authorization: 'Bearer something-else' },
      { authorization: 'Bearer ' },
      { authorization: 'Basic YWRtaW46cGFzc3dvcmQ=' },
      { cookie: 'atelier_session=forged-session-id' },
    ];
    for (const headers of credentials) {
      expectProblem(await send(`${suite.server.url}/api/jobs`, { headers }), 401, 'unauthenticated');
    }
  });

  it('the API documentation needs a principal: 401 for a client, the docs page never served to a stranger', async () => {
    expectProblem(await send(`${suite.server.url}/api/docs`, { headers: { accept: 'application/json' } }), 401, 'unauthenticated');
    expectProblem(await send(`${suite.server.url}/api/docs/swagger-ui-init.js`, { headers: { accept: 'application/javascript' } }), 401, 'unauthenticated');
    // A browser may be sent to the login page instead; it never sees the documentation itself.
    const browser = await send(`${suite.server.url}/api/docs`, { headers: { accept: 'text/html' } });
    expect([302, 401]).toContain(browser.status);
    if (browser.status === 302) expect(browser.headers.location).toMatch(/^\/login\?return_to=%2Fapi%2Fdocs/);
    expect(browser.text).not.toMatch(/swagger/i);

    const signedIn = await suite.admin.get('/api/docs', { headers: { accept: 'text/html' } });
    expectStatus(signedIn, 200);
    expect(signedIn.text).toMatch(/swagger/i);
  });

  it('the OpenAPI document offers Bearer authorization (the "Authorize" dialog)', async () => {
    const { caller } = await suite.admin.createKey();
    const doc = await caller.get('/api/openapi.json');
    expectStatus(doc, 200);
    const schemes = Object.values(doc.body.components.securitySchemes as Record<string, { type: string; scheme?: string }>);
    expect(schemes).toContainEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
  });

  it('GET /api/health stays public', async () => {
    const health = await send(`${suite.server.url}/api/health`);
    expectStatus(health, 200);
    expect(health.body.status).toBe('ok');
  });

  it('login and setup stay public', async () => {
    const setup = await send(`${suite.server.url}/api/auth/setup`);
    expectStatus(setup, 200);
    expect(setup.body.needed).toBe(false);
    // Setup answers for itself (already done), not with 401.
    const again = await send(`${suite.server.url}/api/auth/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: suite.server.url },
      body: JSON.stringify({ token: 'x', email: 'someone@atelier.test', password: 'long enough password' }),
    });
    expectProblem(again, 409);
    const login = await send(`${suite.server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: suite.server.url },
      body: JSON.stringify(ADMIN),
    });
    expectStatus(login, 200);
  });
});
