/** Access: the first run without ATELIER_ADMIN_*: a one-time setup token in the log claims the instance. */
import { AccessServer, expectProblem, expectStatus, send, sessionCookieOf, type Answer } from './access-harness';

jest.setTimeout(60_000);

describe('access: first run with a setup token', () => {
  let server: AccessServer;

  beforeAll(async () => {
    server = await AccessServer.start({}, { admin: false });
  });
  afterAll(() => server?.stop());

  const setup = (body: Record<string, string>): Promise<Answer> =>
    send(`${server.url}/api/auth/setup`, { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url }, body: JSON.stringify(body) });
  const loggedToken = (): string => {
    const m = /setup token: ([A-Za-z0-9_-]{20,})/.exec(server.output);
    if (!m) throw new Error(`no setup token in the server log:\n${server.output}`);
    return m[1];
  };
  const admin = { email: 'first@atelier.test', password: 'first admin password', name: 'First' };

  it('GET /api/auth/setup answers needed: true while no user exists, and the API still needs a principal', async () => {
    const status = await send(`${server.url}/api/auth/setup`);
    expectStatus(status, 200);
    expect(status.body.needed).toBe(true);
    expectProblem(await send(`${server.url}/api/jobs`), 401, 'unauthenticated');
  });

  it('the server logs a one-time setup token', () => {
    expect(loggedToken().length).toBeGreaterThanOrEqual(32);
  });

  it('a wrong token answers 403 and creates nobody', async () => {
    expectProblem(await setup({ ...admin, token: `${loggedToken()}x` }), 403);
    expectProblem(await setup({ ...admin, token: 'guessed' }), 403);
    expect((await send(`${server.url}/api/auth/setup`)).body.needed).toBe(true);
    expectProblem(await send(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: admin.email, password: admin.password }) }), 401);
  });

  it('bad input answers 400 and creates nobody', async () => {
    expectProblem(await setup({ ...admin, token: loggedToken(), password: 'short' }), 400);
    expectProblem(await setup({ ...admin, token: loggedToken(), email: 'not an email' }), 400);
    expect((await send(`${server.url}/api/auth/setup`)).body.needed).toBe(true);
  });

  it('the logged token creates the admin (201) and signs it in; then needed is false and a second setup answers 409', async () => {
    const token = loggedToken();
    const created = await setup({ ...admin, token });
    expectStatus(created, 201);
    expect(created.body.user).toMatchObject({ email: admin.email, role: 'admin', name: 'First', disabled: false });

    const me = await send(`${server.url}/api/auth/me`, { headers: { cookie: sessionCookieOf(created) } });
    expectStatus(me, 200);
    expect(me.body).toMatchObject({ user_id: created.body.user.user_id, role: 'admin' });

    const login = await server.login(admin.email, admin.password);
    expectStatus(await login.get('/api/users'), 200);

    expect((await send(`${server.url}/api/auth/setup`)).body.needed).toBe(false);
    expectProblem(await setup({ ...admin, token }), 409);
    expectProblem(await setup({ email: 'second@atelier.test', password: 'second admin password', token }), 409);
  });
});
