/** Operations: GET /api/workers lists the live process that runs jobs, with the jobs it runs now (operator+). */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { ATELIER_VERSION } from '@atelier/platform';
import { expectProblem, until, useAccessServer, type Caller } from '../access/access-harness';
import { workersOf } from './operations-harness';

jest.setTimeout(60_000);

describe('operations: workers', () => {
  // Slow analyses: jobs stay running until the test cancels them.
  const suite = useAccessServer({ OFFLINE_LATENCY_MS: '60000', WORKER_CONCURRENCY: '3', WORKER_HEARTBEAT_MS: '300' });
  let operator: Caller;
  let member: Caller;

  beforeAll(async () => {
    operator = await suite.admin.createUser('operator');
    member = await suite.admin.createUser('member');
  });

  it('lists this server process as the one embedded worker, heartbeating', async () => {
    const [worker, ...others] = await workersOf(operator);
    expect(others).toEqual([]);
    expect(worker).toMatchObject({ host: hostname(), role: 'embedded', concurrency: 3, version: ATELIER_VERSION, running: 0, running_jobs: [] });
    expect(readFileSync(`/proc/${worker.pid}/cmdline`, 'utf8')).toContain('dist/server/apps/api/src/main.js');
    expect(Date.parse(worker.started_at)).toBeLessThanOrEqual(Date.parse(worker.last_seen_at));
    await until('a newer heartbeat', async () => Date.parse((await workersOf(operator))[0].last_seen_at) > Date.parse(worker.last_seen_at), 5000);
  });

  it('shows the jobs it runs now, and none once they end', async () => {
    const jobs = [await member.submit(), await member.submit()];
    const running = await Promise.all(jobs.map((j) => member.waitForJob(j.job_id, (job) => job.status === 'running')));
    const [worker] = await until('the worker to run both analyses', async () => {
      const workers = await workersOf(operator);
      return workers[0]?.running_jobs.filter((j) => j.type === 'analyze').length === 2 && workers;
    });
    const analyses = worker.running_jobs.filter((j) => j.type === 'analyze');
    expect(analyses).toEqual(
      expect.arrayContaining(running.map((j) => ({ job_id: j.job_id, type: 'analyze', title: j.title, started_at: j.started_at }))),
    );
    expect(worker.running).toBe(worker.running_jobs.length);
    for (const j of running) expect((await member.job(j.job_id)).worker_id).toBe(worker.worker_id);

    for (const j of jobs) await member.post(`/api/jobs/${j.job_id}/cancel`);
    await until('the worker to be idle', async () => (await workersOf(operator))[0]?.running === 0);
  });

  it('refuses a member (403) and a caller without a principal (401)', async () => {
    expectProblem(await member.get('/api/workers'), 403, 'forbidden');
    expectProblem(await suite.server.anonymous().get('/api/workers'), 401, 'unauthenticated');
  });
});
