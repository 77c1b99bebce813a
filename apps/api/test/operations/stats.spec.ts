/**
 * Operations: GET /api/stats/summary and /api/stats/timeseries over real jobs (completed, failed
 * through a model error, cancelled while running and while queued), checked against the jobs' own
 * times; bad input answers 400 naming the field; a member sees its own jobs only.
 */
import type { Job, JobStatus, Percentiles, StatsSummary, TimeseriesPoint } from '@atelier/contracts';
import { FakeOpenAiServer } from '@atelier/testing/fake-openai';
import { expectProblem, expectStatus, useAccessServer, type Caller } from '../access/access-harness';
import { allJobs, pauseQueue, resumeQueue, settled, summaryOf, timeseriesOf } from './operations-harness';

jest.setTimeout(120_000);

const STATUSES: JobStatus[] = ['queued', 'running', 'completed', 'failed', 'cancelled'];
const MINUTE = 60_000;

/** The summary these jobs make, counted here from the jobs themselves. */
function summaryFrom(jobs: Job[]): StatsSummary['by_status'] {
  return Object.fromEntries(STATUSES.map((s) => [s, jobs.filter((j) => j.status === s).length])) as StatsSummary['by_status'];
}

function nearestRank(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const pick = (p: number) => (sorted.length ? sorted[Math.ceil(p * sorted.length) - 1] : null);
  return { p50: pick(0.5), p95: pick(0.95) };
}

/** The points these jobs make over [from, to) in buckets of `size`, computed here bucket by bucket. */
function pointsFrom(jobs: Job[], from: string, to: string, size: number): TimeseriesPoint[] {
  const start = Date.parse(from);
  const end = Date.parse(to);
  const points: TimeseriesPoint[] = [];
  for (let at = start; at < end; at += size) {
    const within = (iso: string | null) => iso !== null && Date.parse(iso) >= at && Date.parse(iso) < Math.min(at + size, end);
    const finishedAs = (status: JobStatus) => jobs.filter((j) => j.status === status && within(j.finished_at)).length;
    points.push({
      at: new Date(at).toISOString(),
      created: jobs.filter((j) => within(j.created_at)).length,
      completed: finishedAs('completed'),
      failed: finishedAs('failed'),
      cancelled: finishedAs('cancelled'),
      wait_ms: nearestRank(jobs.filter((j) => within(j.started_at)).map((j) => Date.parse(j.started_at!) - Date.parse(j.created_at))),
      run_ms: nearestRank(jobs.filter((j) => j.started_at && within(j.finished_at)).map((j) => Date.parse(j.finished_at!) - Date.parse(j.started_at!))),
    });
  }
  return points;
}

describe('operations: stats', () => {
  const openai = new FakeOpenAiServer();
  const suite = useAccessServer(async () => {
    await openai.start();
    return { VISION_PROVIDER: 'openai', OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: openai.url, JOB_MAX_ATTEMPTS: '1' };
  });
  afterAll(() => openai.stop());

  let alice: Caller;
  let bob: Caller;
  let operator: Caller;
  let from: string;
  let to: string;

  beforeAll(async () => {
    alice = await suite.admin.createUser('member', 'Alice');
    bob = await suite.admin.createUser('member', 'Bob');
    operator = await suite.admin.createUser('operator');
    from = new Date(Date.now() - 1000).toISOString();
    const admin = suite.admin;

    // Two completed and one failed (the model answers 400) for the admin, one completed for Alice.
    for (const job of [await admin.submit(), await admin.submit(), await alice.submit()]) await admin.waitForJob(job.job_id);
    openai.fallback = { kind: 'error', status: 400, message: 'bad request' };
    const failed = await admin.submit();
    await admin.waitForJob(failed.job_id, (j) => j.status === 'failed');

    // Alice cancels one while the model hangs (it ran), and one while its queue is paused (it never started).
    openai.fallback = { kind: 'hang' };
    const hanging = await alice.submit();
    await alice.waitForJob(hanging.job_id, (j) => j.status === 'running');
    expectStatus(await alice.post(`/api/jobs/${hanging.job_id}/cancel`), 200);
    openai.fallback = { kind: 'valid' };
    await pauseQueue(admin, 'analyze');
    const waiting = await alice.submit();
    expectStatus(await alice.post(`/api/jobs/${waiting.job_id}/cancel`), 200);
    await resumeQueue(admin, 'analyze');

    await settled(admin);
    to = new Date(Date.now() + 1000).toISOString();
  });

  it('the summary counts every job by status and by type and status', async () => {
    const jobs = await allJobs(suite.admin);
    const summary = await summaryOf(suite.admin);
    expect(summary.by_status).toEqual(summaryFrom(jobs));
    expect(summary.by_status).toMatchObject({ queued: 0, running: 0, failed: 1, cancelled: 2 });
    expect(summary.by_type.analyze).toEqual(summaryFrom(jobs.filter((j) => j.type === 'analyze')));
    expect(summary.by_type.analyze).toMatchObject({ completed: 3, failed: 1, cancelled: 2 });
    // Each upload made a thumbnail job, all completed.
    expect(summary.by_type.generate_thumbnail).toEqual({ queued: 0, running: 0, completed: 6, failed: 0, cancelled: 0 });
    expect(summary.by_type.batch).toEqual({ queued: 0, running: 0, completed: 0, failed: 0, cancelled: 0 });
    expect(summary.oldest_queued_at).toBeNull();
  });

  it('oldest_queued_at is the creation time of the oldest job waiting', async () => {
    await pauseQueue(suite.admin, 'analyze');
    try {
      const first = await suite.admin.submit();
      await suite.admin.submit();
      expect((await summaryOf(suite.admin)).oldest_queued_at).toBe(first.created_at);
      expect((await summaryOf(alice)).oldest_queued_at).toBeNull();
    } finally {
      await resumeQueue(suite.admin, 'analyze');
    }
    await settled(suite.admin);
    to = new Date(Date.now() + 1000).toISOString();
  });

  it('the time series matches the jobs: created, completed, failed, cancelled, wait and run percentiles per minute', async () => {
    const series = await timeseriesOf(suite.admin, { from, to, bucket: '1m' });
    expect(series).toMatchObject({ bucket: '1m', to, type: null });
    expect(series.from).toBe(new Date(Math.floor(Date.parse(from) / MINUTE) * MINUTE).toISOString());
    const jobs = await allJobs(suite.admin);
    expect(series.points).toEqual(pointsFrom(jobs, series.from, series.to, MINUTE));
    const total = (key: 'created' | 'completed' | 'failed' | 'cancelled') => series.points.reduce((n, p) => n + p[key], 0);
    expect([total('created'), total('completed'), total('failed'), total('cancelled')]).toEqual([jobs.length, jobs.length - 3, 1, 2]);
    expect(series.points.some((p) => p.run_ms.p95 !== null && p.wait_ms.p50 !== null)).toBe(true);
  });

  it('one type only, and in 1h buckets', async () => {
    const jobs = await allJobs(suite.admin);
    const thumbnails = await timeseriesOf(suite.admin, { from, to, bucket: '1m', type: 'generate_thumbnail' });
    expect(thumbnails.type).toBe('generate_thumbnail');
    expect(thumbnails.points).toEqual(pointsFrom(jobs.filter((j) => j.type === 'generate_thumbnail'), thumbnails.from, thumbnails.to, MINUTE));
    const hourly = await timeseriesOf(suite.admin, { from, to, bucket: '1h' });
    expect(hourly.points).toEqual(pointsFrom(jobs, hourly.from, hourly.to, 60 * MINUTE));
  });

  it('without a range: the last 24 h in 1h buckets, ending now', async () => {
    const before = Date.now();
    const series = await timeseriesOf(suite.admin, {});
    expect(series.bucket).toBe('1h');
    expect(Date.parse(series.to)).toBeGreaterThanOrEqual(before);
    expect(series.points.length).toBeGreaterThanOrEqual(24);
    expect(series.points.reduce((n, p) => n + p.created, 0)).toBe((await allJobs(suite.admin)).length);
  });

  it('a member sees its own jobs only; an operator sees every job', async () => {
    const everyone = await summaryOf(suite.admin);
    expect(await summaryOf(operator)).toEqual(everyone);
    const alicesJobs = await allJobs(alice);
    expect(alicesJobs.every((j) => j.owner === alice.id)).toBe(true);
    const ofAlice = await summaryOf(alice);
    expect(ofAlice.by_status).toEqual(summaryFrom(alicesJobs));
    expect(ofAlice.by_status).toMatchObject({ completed: 1, cancelled: 2, failed: 0 });
    expect(ofAlice.by_type.analyze).toEqual(summaryFrom(alicesJobs.filter((j) => j.type === 'analyze')));

    const series = await timeseriesOf(alice, { from, to, bucket: '1m' });
    expect(series.points).toEqual(pointsFrom(alicesJobs, series.from, series.to, MINUTE));
    expect((await timeseriesOf(operator, { from, to, bucket: '1m' })).points).toEqual((await timeseriesOf(suite.admin, { from, to, bucket: '1m' })).points);

    const ofBob = await summaryOf(bob);
    expect(ofBob.by_status).toEqual({ queued: 0, running: 0, completed: 0, failed: 0, cancelled: 0 });
    expect((await timeseriesOf(bob, { from, to, bucket: '1m' })).points.every((p) => p.created === 0 && p.completed === 0 && p.run_ms.p50 === null)).toBe(true);
  });

  it('bad input answers 400 problem+json naming the field', async () => {
    const bad = async (query: string, field: string, message: RegExp) => {
      const answer = await suite.admin.get(`/api/stats/timeseries?${query}`);
      expectProblem(answer, 400, 'invalid_input');
      expect(answer.body.errors).toContainEqual({ field, message: expect.stringMatching(message) });
    };
    await bad('bucket=2m', 'bucket', /bucket must be one of 1m, 5m, 1h, 1d/);
    await bad('from=yesterday', 'from', /from must be an ISO-8601 time/);
    await bad('to=2026-02-30T00:00:00Z', 'to', /to must be an ISO-8601 time/);
    await bad('from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z', 'from', /from must be before to/);
    await bad('from=2026-01-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'from', /from must be before to/);
    await bad('type=nope', 'type', /type must be one of analyze,/);
    await bad('owner=someone', 'owner', /should not exist/);
    const tooMany = await suite.admin.get('/api/stats/timeseries?from=2026-01-01T00:00:00Z&to=2026-01-04T00:00:00Z&bucket=1m');
    expectProblem(tooMany, 400);
    expect(tooMany.body.detail).toBe('This range asks for 4320 points of 1m; at most 2000 are served: pick a larger bucket (5m, 1h, 1d) or a shorter range.');
    // 2000 points is still served.
    const most = await timeseriesOf(suite.admin, { from: '2026-01-01T00:00:00Z', to: '2026-01-02T09:20:00Z', bucket: '1m' });
    expect(most.points).toHaveLength(2000);
  });

  it('without a principal: 401', async () => {
    expectProblem(await suite.server.anonymous().get('/api/stats/summary'), 401, 'unauthenticated');
    expectProblem(await suite.server.anonymous().get('/api/stats/timeseries'), 401, 'unauthenticated');
  });
});
