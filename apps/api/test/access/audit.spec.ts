/** Access: the audit log (admin): who did what, from where, on what; filters and paging. */
import type { AuditEntry } from '@atelier/contracts';
import { ADMIN, PASSWORD, expectProblem, expectStatus, send, useAccessServer, type Caller } from './access-harness';

jest.setTimeout(90_000);

describe('access: audit log', () => {
  let member: Caller;
  let memberId: string;
  let jobId: string;
  let keyId: string;
  let doomedId: string;

  // Slow analyses: a job stays unfinished until the test cancels it.
  const suite = useAccessServer({ OFFLINE_LATENCY_MS: '60000' });

  beforeAll(async () => {
    expectProblem(
      await send(`${suite.server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ADMIN.email, password: 'a wrong guess' }) }),
      401,
    );
    member = await suite.admin.createUser('member');
    memberId = member.id;
    expectStatus(await suite.admin.patch(`/api/users/${memberId}`, { name: 'Renamed' }), 200);

    const { key } = await member.createKey({ name: 'audited' });
    keyId = key.api_key_id;
    expectStatus(await member.delete(`/api/api-keys/${keyId}`), 204);

    jobId = (await member.submit()).job_id;
    expectStatus(await member.post(`/api/jobs/${jobId}/cancel`), 200);
    expectStatus(await member.post(`/api/jobs/${jobId}/retry`), 202);
    expectStatus(await member.post(`/api/jobs/${jobId}/cancel`), 200);
    expectStatus(await member.delete(`/api/jobs/${jobId}`), 204);

    const doomed = await suite.admin.post('/api/users', { email: 'doomed@atelier.test', password: PASSWORD, role: 'member' });
    doomedId = doomed.body.user_id;
    expectStatus(await suite.admin.delete(`/api/users/${doomedId}`), 204);
  });

  const audit = async (query = ''): Promise<{ audit: AuditEntry[]; next_cursor: string | null }> => {
    const answer = await suite.admin.get(`/api/audit${query}`);
    expectStatus(answer, 200);
    return answer.body;
  };
  const loopback = expect.stringMatching(/^(::ffff:)?127\.0\.0\.1$|^::1$/);

  it('lists logins, failed logins, users, API keys and job commands with actor, ip and target, newest first', async () => {
    const { audit: entries } = await audit('?limit=200');
    const find = (action: string, target: string) => entries.find((e) => e.action === action && e.target === target);
    const expected: [string, string, string | null][] = [
      ['auth.login', suite.admin.id, suite.admin.id],
      ['auth.login', memberId, memberId],
      ['user.created', memberId, suite.admin.id],
      ['user.updated', memberId, suite.admin.id],
      ['api_key.created', keyId, memberId],
      ['api_key.revoked', keyId, memberId],
      ['job.cancelled', jobId, memberId],
      ['job.retried', jobId, memberId],
      ['job.deleted', jobId, memberId],
      ['user.created', doomedId, suite.admin.id],
      ['user.deleted', doomedId, suite.admin.id],
    ];
    for (const [action, target, actor] of expected) {
      const entry = find(action, target);
      expect({ action, target, entry }).toEqual({
        action,
        target,
        entry: { audit_id: expect.any(String), at: expect.any(String), action, target, actor, ip: loopback, detail: expect.any(Object) },
      });
    }
    const failed = entries.find((e) => e.action === 'auth.login_failed');
    expect(failed).toMatchObject({ ip: loopback });
    expect(failed!.target ?? '').toContain(ADMIN.email);
    expect(JSON.stringify(entries)).not.toContain('a wrong guess');
    expect(JSON.stringify(entries)).not.toContain(PASSWORD);

    const times = entries.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('filters by action and by actor', async () => {
    const cancels = (await audit('?action=job.cancelled')).audit;
    expect(cancels).toHaveLength(2);
    expect(cancels.every((e) => e.action === 'job.cancelled' && e.target === jobId)).toBe(true);

    const byMember = (await audit(`?actor=${memberId}&limit=200`)).audit;
    expect(byMember.every((e) => e.actor === memberId)).toBe(true);
    expect(byMember.map((e) => e.action)).toEqual(expect.arrayContaining(['api_key.created', 'api_key.revoked', 'job.cancelled', 'job.retried', 'job.deleted']));
    expect(byMember.map((e) => e.action)).not.toContain('user.created');

    const both = (await audit(`?actor=${suite.admin.id}&action=user.deleted`)).audit;
    expect(both.map((e) => e.target)).toEqual([doomedId]);
  });

  it('pages with limit and next_cursor, each entry once', async () => {
    const all = (await audit('?limit=200')).audit.map((e) => e.audit_id);
    expect(all.length).toBeGreaterThan(6);
    const paged: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { audit: AuditEntry[]; next_cursor: string | null } = await audit(`?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.audit.length).toBeLessThanOrEqual(3);
      paged.push(...page.audit.map((e) => e.audit_id));
      cursor = page.next_cursor;
      pages++;
    } while (cursor && pages < 100);
    expect(cursor).toBeNull();
    expect(paged).toEqual(all);
    expectProblem(await suite.admin.get('/api/audit?cursor=not-a-cursor'), 400);
  });

  it('only an admin reads it', async () => {
    expectProblem(await member.get('/api/audit'), 403, 'forbidden');
    expectProblem(await suite.server.anonymous().get('/api/audit'), 401, 'unauthenticated');
  });
});
