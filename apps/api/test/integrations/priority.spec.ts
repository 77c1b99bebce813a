/** The `priority` form field of analyze requests (−10…10, higher runs first), over real HTTP against the built server. */
import type { Job } from '@atelier/contracts';
import { expectProblem, expectStatus, useAccessServer, type Caller } from '../access/access-harness';
import { analysisJobs, analyzeWithKey, uniquePng } from './idempotency-harness';

jest.setTimeout(120_000);

describe('priority on analyze requests', () => {
  // One job at a time, slow enough that jobs queue up behind a running one.
  const suite = useAccessServer({ WORKER_CONCURRENCY: '1', OFFLINE_LATENCY_MS: '600' });
  let member: Caller;
  beforeEach(async () => {
    member = await suite.admin.createUser('member');
  });

  it.each(['11', '-11', 'high', '1.5', ''])('refuses priority=%p with 400 naming the field, and creates nothing', async (priority) => {
    const answer = await analyzeWithKey(member, undefined, { image: await uniquePng(), fields: { priority } });
    expectProblem(answer, 400);
    expect(answer.body.detail).toMatch(/priority must be a whole number from -10 to 10/);
    expect(await analysisJobs(member)).toEqual([]);
  });

  it('sets the job priority; a comprehensive analysis gives it to the parent and each child', async () => {
    const one = await analyzeWithKey(member, undefined, { image: await uniquePng(), fields: { priority: '-10' } });
    expectStatus(one, 202);
    expect((one.body.job as Job).priority).toBe(-10);
    const parent = await analyzeWithKey(member, undefined, { image: await uniquePng(), analyzer: 'comprehensive', fields: { priority: '7', analyzers: 'hair-color,makeup' } });
    expectStatus(parent, 202);
    const job = parent.body.job as Job;
    expect(job.priority).toBe(7);
    const children = await Promise.all(job.child_ids.map((id) => member.job(id)));
    expect(children.map((c) => c.priority)).toEqual([7, 7]);
    const plain = await analyzeWithKey(member, undefined, { image: await uniquePng() });
    expect((plain.body.job as Job).priority).toBe(0);
  });

  it('runs queued jobs with a higher priority first', async () => {
    const image = await uniquePng();
    const blocker = await analyzeWithKey(member, undefined, { image });
    expectStatus(blocker, 202);
    await member.waitForJob(blocker.body.job_id, (j) => j.status === 'running');
    const submitted: [string, number][] = [];
    for (const priority of [-5, 0, 5, 10]) {
      const answer = await analyzeWithKey(member, undefined, { image, fields: { priority: String(priority) } });
      expectStatus(answer, 202);
      submitted.push([answer.body.job_id, priority]);
    }
    const done = await Promise.all(submitted.map(([id]) => member.waitForJob(id)));
    const startOrder = [...done].sort((a, b) => Date.parse(a.started_at!) - Date.parse(b.started_at!)).map((j) => j.priority);
    expect(startOrder).toEqual([10, 5, 0, -5]);
  });
});
