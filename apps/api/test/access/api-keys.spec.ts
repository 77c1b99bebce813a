/** Access: API keys (shown once, prefix, last_used_at, role cap, expiry, revocation) and credentials of disabled or deleted users. */
import type { ApiKey } from '@atelier/contracts';
import { PASSWORD, expectProblem, expectStatus, send, sleep, useAccessServer, type Caller } from './access-harness';

jest.setTimeout(60_000);

describe('access: API keys', () => {
  const suite = useAccessServer();

  const listOf = async (caller: Caller): Promise<ApiKey[]> => {
    const answer = await caller.get('/api/api-keys');
    expectStatus(answer, 200);
    return answer.body.api_keys as ApiKey[];
  };

  it('a new key is shown once, with a visible prefix; the list never holds the key', async () => {
    const member = await suite.admin.createUser('member');
    const created = await member.post('/api/api-keys', { name: 'CI pipeline' });
    expectStatus(created, 201);
    expect(created.body).toEqual(
      expect.objectContaining({
        api_key_id: expect.any(String),
        name: 'CI pipeline',
        role: 'member',
        prefix: expect.any(String),
        key: expect.any(String),
        created_at: expect.any(String),
        expires_at: null,
        last_used_at: null,
      }),
    );
    const { key, prefix } = created.body as { key: string; prefix: string };
    expect(key.startsWith(prefix)).toBe(true);
    expect(prefix.length).toBeGreaterThanOrEqual(4);
    expect(key.length - prefix.length).toBeGreaterThanOrEqual(32);

    const answer = await member.get('/api/api-keys');
    const listed = (answer.body.api_keys as ApiKey[]).find((k) => k.api_key_id === created.body.api_key_id)!;
    expect(listed).toMatchObject({ name: 'CI pipeline', prefix, role: 'member' });
    expect(listed).not.toHaveProperty('key');
    expect(answer.text).not.toContain(key);
    const all = await suite.admin.get('/api/api-keys');
    expect(all.text).not.toContain(key);
  });

  it('a key authenticates as "Authorization: Bearer <key>" and records last_used_at', async () => {
    const member = await suite.admin.createUser('member');
    const { key, caller } = await member.createKey();
    expect(key.last_used_at).toBeNull();
    const me = await caller.get('/api/auth/me');
    expectStatus(me, 200);
    expect(me.body.user_id).toBe(member.id);
    expectStatus(await caller.get('/api/jobs'), 200);

    const used = (await listOf(member)).find((k) => k.api_key_id === key.api_key_id)!;
    expect(used.last_used_at).toEqual(expect.any(String));
    expect(Date.parse(used.last_used_at!)).toBeGreaterThanOrEqual(Date.parse(key.created_at));
  });

  it("a key's role is at most its creator's (default: the creator's)", async () => {
    const member = await suite.admin.createUser('member');
    const operator = await suite.admin.createUser('operator');
    expectProblem(await member.post('/api/api-keys', { name: 'escalate', role: 'admin' }), 403, 'forbidden');
    expectProblem(await member.post('/api/api-keys', { name: 'escalate', role: 'operator' }), 403, 'forbidden');
    expectProblem(await operator.post('/api/api-keys', { name: 'escalate', role: 'admin' }), 403, 'forbidden');
    expect((await listOf(member)).map((k) => k.name)).not.toContain('escalate');
    expect((await operator.createKey()).key.role).toBe('operator');

    // A lower role works, and the key acts with it.
    const { key, caller } = await suite.admin.createKey({ role: 'member' });
    expect(key.role).toBe('member');
    expectProblem(await caller.get('/api/users'), 403, 'forbidden');
    expectProblem(await caller.get('/metrics'), 403, 'forbidden');
    expectProblem(await suite.admin.post('/api/api-keys', { name: 'bad role', role: 'root' }), 400);
  });

  it("a key never outranks its user: an operator's key loses the operator role with its user", async () => {
    const operator = await suite.admin.createUser('operator');
    const { caller } = await operator.createKey();
    expectStatus(await caller.get('/metrics'), 200);
    expectStatus(await suite.admin.patch(`/api/users/${operator.id}`, { role: 'member' }), 200);
    expectProblem(await caller.get('/metrics'), 403, 'forbidden');
  });

  it('an expired key answers 401; an expiry in the past is refused (400)', async () => {
    const expiresAt = new Date(Date.now() + 6000).toISOString();
    const { key, caller } = await suite.admin.createKey({ expires_at: expiresAt });
    expect(Date.parse(key.expires_at!)).toBe(Date.parse(expiresAt));
    expectStatus(await caller.get('/api/auth/me'), 200);
    await sleep(Math.max(0, Date.parse(expiresAt) - Date.now()) + 200);
    expectProblem(await caller.get('/api/auth/me'), 401, 'unauthenticated');

    expectProblem(await suite.admin.post('/api/api-keys', { name: 'late', expires_at: new Date(Date.now() - 1000).toISOString() }), 400);
    expectProblem(await suite.admin.post('/api/api-keys', { name: 'never', expires_at: 'tomorrow' }), 400);
  });

  it('a revoked key answers 401 at once', async () => {
    const member = await suite.admin.createUser('member');
    const { key, caller } = await member.createKey();
    expectStatus(await caller.get('/api/jobs'), 200);
    expectStatus(await member.delete(`/api/api-keys/${key.api_key_id}`), 204);
    expectProblem(await caller.get('/api/jobs'), 401, 'unauthenticated');
    expect((await listOf(member)).map((k) => k.api_key_id)).not.toContain(key.api_key_id);
    expectProblem(await member.delete(`/api/api-keys/${key.api_key_id}`), 404);
  });

  it("a member lists and revokes only its own keys; an admin sees and revokes every key", async () => {
    const alice = await suite.admin.createUser('member');
    const bob = await suite.admin.createUser('member');
    const alices = await alice.createKey({ name: 'alice key' });
    const bobs = await bob.createKey({ name: 'bob key' });

    expect((await listOf(alice)).every((k) => k.user_id === alice.id)).toBe(true);
    expect((await listOf(alice)).map((k) => k.api_key_id)).not.toContain(bobs.key.api_key_id);
    expectProblem(await alice.delete(`/api/api-keys/${bobs.key.api_key_id}`), 404);
    expectStatus(await bobs.caller.get('/api/auth/me'), 200);

    expect((await listOf(suite.admin)).map((k) => k.api_key_id)).toEqual(expect.arrayContaining([alices.key.api_key_id, bobs.key.api_key_id]));
    expectStatus(await suite.admin.delete(`/api/api-keys/${bobs.key.api_key_id}`), 204);
    expectProblem(await bobs.caller.get('/api/auth/me'), 401, 'unauthenticated');
  });

  it("a disabled user's keys and sessions answer 401 at once, and it cannot sign in", async () => {
    const member = await suite.admin.createUser('member');
    const { caller: key } = await member.createKey();
    expectStatus(await key.get('/api/jobs'), 200);
    expectStatus(await member.get('/api/jobs'), 200);

    const disabled = await suite.admin.patch(`/api/users/${member.id}`, { disabled: true });
    expectStatus(disabled, 200);
    expect(disabled.body.disabled).toBe(true);
    expectProblem(await key.get('/api/jobs'), 401, 'unauthenticated');
    expectProblem(await member.get('/api/jobs'), 401, 'unauthenticated');
    const login = await send(`${suite.server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: member.user!.email, password: PASSWORD }),
    });
    expectProblem(login, 401);
  });

  it("a deleted user's keys and sessions answer 401 at once", async () => {
    const member = await suite.admin.createUser('member');
    const { caller: key } = await member.createKey();
    expectStatus(await key.get('/api/jobs'), 200);
    expectStatus(await suite.admin.delete(`/api/users/${member.id}`), 204);
    expectProblem(await key.get('/api/jobs'), 401, 'unauthenticated');
    expectProblem(await member.get('/api/jobs'), 401, 'unauthenticated');
  });
});
