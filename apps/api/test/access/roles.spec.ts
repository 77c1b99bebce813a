/** Access: roles. A member is refused admin routes (403), an operator sees every job but not users, an admin does everything. */
import { PASSWORD, expectProblem, expectStatus, useAccessServer, type Caller } from './access-harness';

jest.setTimeout(60_000);

describe('access: roles', () => {
  let member: Caller;
  let operator: Caller;

  // Slow analyses: jobs stay unfinished long enough to be cancelled.
  const suite = useAccessServer({ OFFLINE_LATENCY_MS: '60000' });

  beforeAll(async () => {
    member = await suite.admin.createUser('member');
    operator = await suite.admin.createUser('operator');
  });

  it('a member gets 403 forbidden on users, audit and metrics, and cannot raise its own role', async () => {
    for (const path of ['/api/users', `/api/users/${member.id}`, '/api/audit', '/metrics']) {
      expectProblem(await member.get(path), 403, 'forbidden');
    }
    expectProblem(await member.post('/api/users', { email: 'made-by-member@atelier.test', password: PASSWORD, role: 'admin' }), 403, 'forbidden');
    expectProblem(await member.patch(`/api/users/${member.id}`, { role: 'admin' }), 403, 'forbidden');
    expectProblem(await member.delete(`/api/users/${operator.id}`), 403, 'forbidden');

    const users = await suite.admin.get('/api/users');
    expect(users.body.users.map((u: { email: string }) => u.email)).not.toContain('made-by-member@atelier.test');
    expect((await member.get('/api/auth/me')).body.role).toBe('member');
    // The same through an API key of the member.
    const { caller: memberKey } = await member.createKey();
    expectProblem(await memberKey.get('/api/users'), 403, 'forbidden');
    expectProblem(await memberKey.get('/api/audit'), 403, 'forbidden');
  });

  it('an operator sees and acts on every job, but gets 403 on users', async () => {
    const membersJob = await member.submit();
    const adminsJob = await suite.admin.submit();
    const listed = await operator.jobIds();
    expect(listed).toEqual(expect.arrayContaining([membersJob.job_id, adminsJob.job_id]));
    expect((await operator.job(membersJob.job_id)).owner).toBe(member.id);
    const cancelled = await operator.post(`/api/jobs/${membersJob.job_id}/cancel`);
    expectStatus(cancelled, 200);
    expect(cancelled.body.status).toBe('cancelled');

    expectProblem(await operator.get('/api/users'), 403, 'forbidden');
    expectProblem(await operator.post('/api/users', { email: 'made-by-operator@atelier.test', password: PASSWORD, role: 'member' }), 403, 'forbidden');
    expectProblem(await operator.patch(`/api/users/${operator.id}`, { role: 'admin' }), 403, 'forbidden');
    expectProblem(await operator.get('/api/audit'), 403, 'forbidden');
    expect((await operator.get('/api/auth/me')).body.role).toBe('operator');
  });

  it('an admin manages users and sees audit, metrics and every job', async () => {
    const email = `grace-${Date.now()}@atelier.test`;
    const created = await suite.admin.post('/api/users', { email, password: PASSWORD, role: 'member', name: 'Grace' });
    expectStatus(created, 201);
    expect(created.body).toEqual({ user_id: expect.any(String), email, name: 'Grace', role: 'member', created_at: expect.any(String), disabled: false });
    expect(created.body).not.toHaveProperty('password');
    expect(created.body).not.toHaveProperty('password_hash');
    const id = created.body.user_id as string;

    const list = await suite.admin.get('/api/users');
    expectStatus(list, 200);
    expect(list.body.users.map((u: { user_id: string }) => u.user_id)).toEqual(expect.arrayContaining([suite.admin.id, member.id, operator.id, id]));
    expect(JSON.stringify(list.body)).not.toMatch(/password/);

    const promoted = await suite.admin.patch(`/api/users/${id}`, { role: 'operator', name: 'Grace H.' });
    expectStatus(promoted, 200);
    expect(promoted.body).toMatchObject({ user_id: id, role: 'operator', name: 'Grace H.' });
    expectProblem(await suite.admin.post('/api/users', { email, password: PASSWORD, role: 'member' }), 409);
    expectProblem(await suite.admin.post('/api/users', { email: 'x@atelier.test', password: PASSWORD, role: 'owner' }), 400);
    expectStatus(await suite.admin.delete(`/api/users/${id}`), 204);
    expectProblem(await suite.admin.get(`/api/users/${id}`), 404);

    const membersJob = await member.submit();
    expect((await suite.admin.job(membersJob.job_id)).owner).toBe(member.id);
    expectStatus(await suite.admin.post(`/api/jobs/${membersJob.job_id}/cancel`), 200);
    expectStatus(await suite.admin.get('/api/audit'), 200);
    expectStatus(await suite.admin.get('/metrics'), 200);
  });
});
