/** Access: a change authenticated by a cookie must come from the console's own origin (403 csrf otherwise); Bearer requests are exempt. */
import type { Job } from '@atelier/contracts';
import { expectProblem, expectStatus, multipart, uniquePng, useAccessServer, type Caller } from './access-harness';

jest.setTimeout(60_000);

const EVIL = 'https://evil.example';

describe('access: CSRF', () => {
  let adminKey: Caller;
  let member: Caller;

  // Slow analyses: jobs stay unfinished, so a refused cancel visibly changed nothing.
  const suite = useAccessServer({ OFFLINE_LATENCY_MS: '60000' });

  beforeAll(async () => {
    adminKey = (await suite.admin.createKey()).caller;
    member = await suite.admin.createUser('member');
  });

  const unfinished = async (): Promise<Job> => {
    const job = await adminKey.submit();
    expect(['queued', 'running']).toContain(job.status);
    return job;
  };
  const expectUntouched = async (job: Job) => expect(['queued', 'running']).toContain((await adminKey.job(job.job_id)).status);

  it('a cookie-authenticated cancel without Origin, or from another site, answers 403 csrf and cancels nothing', async () => {
    const job = await unfinished();
    const path = `/api/jobs/${job.job_id}/cancel`;
    expectProblem(await suite.admin.post(path, undefined, { origin: null }), 403, 'csrf');
    expectProblem(await suite.admin.post(path, undefined, { origin: EVIL }), 403, 'csrf');
    expectProblem(await suite.admin.post(path, undefined, { origin: 'null' }), 403, 'csrf');
    // What a cross-site <form enctype="text/plain"> sends.
    expectProblem(await suite.admin.call('POST', path, { origin: EVIL, body: 'x=1', contentType: 'text/plain' }), 403, 'csrf');
    expectProblem(await suite.admin.call('POST', path, { origin: null, body: 'x=1', contentType: 'text/plain' }), 403, 'csrf');
    // The loopback on another port is another origin; a Referer from another site is no better.
    expectProblem(await suite.admin.post(path, undefined, { origin: `http://127.0.0.1:${suite.server.port + 1}` }), 403, 'csrf');
    expectProblem(await suite.admin.post(path, undefined, { origin: null, headers: { referer: `${EVIL}/page` } }), 403, 'csrf');
    await expectUntouched(job);
  });

  it('a cross-site multipart analysis answers 403 csrf and creates no job', async () => {
    const before = await adminKey.jobIds();
    for (const origin of [EVIL, null]) {
      const form = await multipart({ image: await uniquePng() });
      expectProblem(await member.call('POST', '/api/analyzers/hair-color/analyze?async_mode=true', { origin, body: form.body, contentType: form.contentType }), 403, 'csrf');
      const comprehensive = await multipart({ image: await uniquePng() });
      expectProblem(await member.call('POST', '/api/analyzers/comprehensive/analyze?async_mode=true', { origin, body: comprehensive.body, contentType: comprehensive.contentType }), 403, 'csrf');
    }
    expect(await adminKey.jobIds()).toEqual(before);
  });

  it('other cookie-authenticated changes from another site are refused and change nothing', async () => {
    const keysBefore = (await suite.admin.get('/api/api-keys')).body.api_keys.length;
    expectProblem(await member.post('/api/api-keys', { name: 'planted' }, { origin: EVIL }), 403, 'csrf');
    expectProblem(await suite.admin.post('/api/users', { email: 'planted@atelier.test', password: 'planted password 123', role: 'admin' }, { origin: EVIL }), 403, 'csrf');
    expect((await suite.admin.get('/api/api-keys')).body.api_keys.length).toBe(keysBefore);
    expect(JSON.stringify((await suite.admin.get('/api/users')).body)).not.toContain('planted@atelier.test');

    const job = await unfinished();
    expectProblem(await suite.admin.delete(`/api/jobs/${job.job_id}`, { origin: EVIL }), 403, 'csrf');
    expectProblem(await suite.admin.patch(`/api/users/${member.id}`, { role: 'admin' }, { origin: EVIL }), 403, 'csrf');
    expect((await member.get('/api/auth/me')).body.role).toBe('member');
  });

  it("the same requests from the server's loopback origin are allowed (Origin, else Referer)", async () => {
    const first = await unfinished();
    const cancelled = await suite.admin.post(`/api/jobs/${first.job_id}/cancel`, undefined, { origin: suite.server.url });
    expectStatus(cancelled, 200);
    expect(cancelled.body.status).toBe('cancelled');

    const second = await unfinished();
    expectStatus(await suite.admin.post(`/api/jobs/${second.job_id}/cancel`, undefined, { origin: `http://localhost:${suite.server.port}` }), 200);
    const third = await unfinished();
    expectStatus(await suite.admin.post(`/api/jobs/${third.job_id}/cancel`, undefined, { origin: null, headers: { referer: `${suite.server.url}/jobs?status=running` } }), 200);

    expectStatus(await member.analyze({ origin: suite.server.url }), 202);
    expectStatus(await member.analyze({ origin: `http://localhost:${suite.server.port}` }), 202);
  });

  it('Bearer requests need no Origin (and are not refused for one)', async () => {
    const job = await adminKey.submit();
    expectStatus(await adminKey.post(`/api/jobs/${job.job_id}/cancel`, undefined, { origin: EVIL }), 200);
    const other = await adminKey.submit({ origin: null });
    expectStatus(await adminKey.call('POST', `/api/jobs/${other.job_id}/cancel`, { body: 'x=1', contentType: 'text/plain' }), 200);
  });

  it('reads with a cookie need no Origin', async () => {
    expectStatus(await member.get('/api/jobs', { origin: EVIL }), 200);
    expectStatus(await member.get('/api/auth/me'), 200);
  });
});
