/** Access: password login, the session cookie, throttled guessing, logout and /api/auth/me. */
import { ADMIN, PASSWORD, expectProblem, expectStatus, send, sessionCookieOf, sleep, useAccessServer, type Answer } from './access-harness';

jest.setTimeout(120_000);

describe('access: login and sessions', () => {
  const suite = useAccessServer();

  const login = (email: string, password: string): Promise<Answer> =>
    send(`${suite.server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: suite.server.url }, body: JSON.stringify({ email, password }) });

  it('the right password answers 200 { user } and an HttpOnly, SameSite=Lax session cookie that signs the user in', async () => {
    const answer = await login(ADMIN.email, ADMIN.password);
    expectStatus(answer, 200);
    expect(answer.body.user).toEqual({
      user_id: expect.any(String),
      email: ADMIN.email,
      name: expect.any(String),
      role: 'admin',
      created_at: expect.any(String),
      disabled: false,
    });
    const setCookie = [answer.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('atelier_session='))!;
    expect(setCookie).toBeDefined();
    const attributes = setCookie.split(';').map((a) => a.trim().toLowerCase());
    expect(attributes).toContain('httponly');
    expect(attributes).toContain('samesite=lax');
    expect(attributes).toContain('path=/');
    // The cookie holds an opaque random id, nothing about the user.
    const value = setCookie.split(';')[0].slice('atelier_session='.length);
    expect(value.length).toBeGreaterThanOrEqual(32);
    expect(decodeURIComponent(value)).not.toContain(answer.body.user.user_id);
    expect(decodeURIComponent(value)).not.toContain(ADMIN.email);

    const me = await send(`${suite.server.url}/api/auth/me`, { headers: { cookie: sessionCookieOf(answer) } });
    expectStatus(me, 200);
    expect(me.body).toMatchObject({ user_id: answer.body.user.user_id, email: ADMIN.email, role: 'admin', disabled: false });
  });

  it('a wrong email and a wrong password answer 401 with the same message', async () => {
    const unknownEmail = await login('nobody@atelier.test', ADMIN.password);
    const wrongPassword = await login(ADMIN.email, 'not the admin password');
    expectProblem(unknownEmail, 401);
    expectProblem(wrongPassword, 401);
    expect(wrongPassword.body.detail).toBe(unknownEmail.body.detail);
    expect(wrongPassword.body.title).toBe(unknownEmail.body.title);
    expect(wrongPassword.body.code).toBe(unknownEmail.body.code);
    expect(wrongPassword.headers['set-cookie']).toBeUndefined();
    expect(unknownEmail.headers['set-cookie']).toBeUndefined();
  });

  it('an admin created with ATELIER_ADMIN_* leaves no setup token in the log', () => {
    expect(suite.server.output).not.toMatch(/setup token/i);
  });

  it('logout answers 204 and that session cookie is refused from then on; other sessions stay', async () => {
    const first = await suite.server.admin();
    const second = await suite.server.admin();
    expectStatus(await first.get('/api/auth/me'), 200);

    const out = await first.post('/api/auth/logout');
    expectStatus(out, 204);
    const cleared = [out.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('atelier_session='));
    expect(cleared).toMatch(/^atelier_session=;.*Max-Age=0/i);

    expectProblem(await first.get('/api/auth/me'), 401, 'unauthenticated');
    expectProblem(await first.get('/api/jobs'), 401, 'unauthenticated');
    expectStatus(await second.get('/api/auth/me'), 200);
  });

  it('GET /api/auth/me answers the user behind a session or an API key', async () => {
    const member = await suite.admin.createUser('member', 'Grace');
    const me = await member.get('/api/auth/me');
    expectStatus(me, 200);
    expect(me.body).toEqual({ user_id: member.id, email: member.user!.email, name: 'Grace', role: 'member', created_at: expect.any(String), disabled: false });

    const { caller } = await member.createKey();
    const viaKey = await caller.get('/api/auth/me');
    expectStatus(viaKey, 200);
    expect(viaKey.body).toMatchObject({ user_id: member.id, email: member.user!.email, role: 'member' });
  });
});

/**
 * Password guessing is slowed, then refused, per account and per client address. The server
 * trusts X-Forwarded-For here (TRUST_PROXY), so one test can speak from several addresses.
 */
describe('access: login throttling', () => {
  const suite = useAccessServer({ TRUST_PROXY: 'true' });

  const login = (email: string, password: string, ip: string): Promise<Answer> =>
    send(`${suite.server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: suite.server.url, 'x-forwarded-for': ip },
      body: JSON.stringify({ email, password }),
    });

  /** Wrong passwords until a 429; answers it (every try before it was a 401). */
  async function failUntilThrottled(email: string, ip: string, maxTries = 25): Promise<Answer> {
    for (let tries = 1; tries <= maxTries; tries++) {
      const answer = await login(email, 'a wrong password!', ip);
      if (answer.status === 429) return answer;
      expectProblem(answer, 401);
    }
    throw new Error(`no 429 after ${maxTries} wrong passwords for ${email}`);
  }

  /** The right password, waiting out Retry-After while the account is slowed. */
  async function loginOnceAllowed(email: string, password: string, ip: string): Promise<Answer> {
    for (let i = 0; i < 10; i++) {
      const answer = await login(email, password, ip);
      if (answer.status !== 429) return answer;
      await sleep(Number(answer.headers['retry-after']) * 1000 + 100);
    }
    throw new Error(`the right password for ${email} was still refused after 10 waits`);
  }

  /** Fails, waiting out each 429, until the account must wait at least `seconds` (the wait doubles per failure). */
  async function slowDown(email: string, ip: string, seconds: number): Promise<Answer> {
    for (let tries = 0; tries < 30; tries++) {
      const answer = await login(email, 'a wrong password!', ip);
      if (answer.status !== 429) {
        expectProblem(answer, 401);
        continue;
      }
      const wait = Number(answer.headers['retry-after']);
      if (wait >= seconds) return answer;
      await sleep(wait * 1000 + 100);
    }
    throw new Error(`${email} was never slowed to ${seconds} s`);
  }

  it('repeated failures for one account are slowed, then refused with 429 and Retry-After, from any address', async () => {
    const member = await suite.admin.createUser('member');
    const email = member.user!.email;
    // A few failures are free: each answers 401.
    for (let i = 0; i < 5; i++) expectProblem(await login(email, `wrong password ${i}`, '198.51.100.1'), 401);
    const throttled = await failUntilThrottled(email, '198.51.100.1');
    expectProblem(throttled, 429);
    const retryAfter = Number(throttled.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);

    // Each further failure doubles the wait; while it lasts, the account is refused whoever asks,
    // the right password from another address included.
    const slowed = await slowDown(email, '198.51.100.1', 5);
    expectProblem(slowed, 429);
    expectProblem(await login(email, PASSWORD, '198.51.100.2'), 429);
  });

  it('the count is per account: another account, from another address, signs in at once', async () => {
    const member = await suite.admin.createUser('member');
    const other = await suite.admin.createUser('member');
    for (let i = 0; i < 5; i++) expectProblem(await login(member.user!.email, `wrong password ${i}`, '198.51.100.10'), 401);
    expectProblem(await failUntilThrottled(member.user!.email, '198.51.100.10'), 429);

    expectStatus(await login(other.user!.email, PASSWORD, '198.51.100.11'), 200);
  });

  it('a success resets the account count: five more failures are plain 401s, then it slows again', async () => {
    const member = await suite.admin.createUser('member');
    const email = member.user!.email;
    for (let i = 0; i < 5; i++) expectProblem(await login(email, `wrong password ${i}`, '198.51.100.20'), 401);
    expectProblem(await failUntilThrottled(email, '198.51.100.20'), 429);

    expectStatus(await loginOnceAllowed(email, PASSWORD, '198.51.100.21'), 200);
    for (let i = 0; i < 5; i++) expectProblem(await login(email, `wrong again ${i}`, '198.51.100.22'), 401);
    expectProblem(await failUntilThrottled(email, '198.51.100.22'), 429);
  });

  it('failures from one address over many accounts end in a refusal of that address, not of the others', async () => {
    // An address is not slowed (an office shares one), but refused after 100 failures in 15 minutes.
    for (let i = 0; i < 20; i++) expectProblem(await login(`nobody-${i}@atelier.test`, 'a wrong password!', '203.0.113.7'), 401);
    let answer: Answer | undefined;
    for (let i = 20; i < 130 && answer?.status !== 429; i++) {
      answer = await login(`nobody-${i}@atelier.test`, 'a wrong password!', '203.0.113.7');
      if (answer.status !== 429) expectProblem(answer, 401);
    }
    expectProblem(answer!, 429);
    expect(Number(answer!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expectStatus(await login(ADMIN.email, ADMIN.password, '203.0.113.8'), 200);
  });
});
