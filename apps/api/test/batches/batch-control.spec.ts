/**
 * A batch as one unit over real HTTP: the job quota, Idempotency-Key, its aggregated title and
 * progress, cancel, and commands racing on the batch and its children.
 */
import { isFinished, type Job } from '@atelier/contracts';
import { startAnalyzerApp, type AnalyzerTestApp } from '../analyzers/support/analyzer-app';
import { authHeaders, loginAsAdmin } from '../support/auth';
import { distinctImages, postBatch } from './batch-support';
import { StreamMeter } from './stream-meter';

jest.setTimeout(120_000);

describe('batches as one unit', () => {
  let t: AnalyzerTestApp;
  let url: string;
  let auth: Record<string, string>;

  beforeAll(async () => {
    t = await startAnalyzerApp({ JOB_QUOTA_PER_USER: '40', OFFLINE_LATENCY_MS: '400', WORKER_CONCURRENCY: '3' });
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    auth = authHeaders(await loginAsAdmin(url));
  });
  afterAll(() => t.close());

  /** Waits until nothing is queued or running, so the quota and the footprint are what a test left. */
  const settled = async () => {
    const deadline = Date.now() + 60_000;
    while ((await t.engine.jobs.list({ limit: 1, statuses: ['queued', 'running'] })).jobs.length) {
      if (Date.now() > deadline) throw new Error('jobs still open after 60 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  it('counts every job it would create against JOB_QUOTA_PER_USER, and a refusal leaves nothing behind', async () => {
    await settled();
    const before = await t.footprint();
    // 13 images with 2 analyzers: 13 comprehensive + 26 analyze = 39 jobs fit (the batch's own job, which runs
    // nothing, is not counted); 14 images (42) do not.
    const refused = await postBatch(t, await distinctImages(14), { analyzers: 'makeup,hair-color' }).expect(429);
    expect(refused.body).toMatchObject({ code: 'quota_exceeded', detail: expect.stringContaining('this request adds 42') });
    expect(await t.footprint()).toEqual(before);
    const fits = await postBatch(t, await distinctImages(13), { analyzers: 'makeup,hair-color' }).expect(202);
    expect((await t.ended(fits.body.job_id, 60_000)).status).toBe('completed');
  });

  it('replays the first answer for the same Idempotency-Key and batch, creating nothing more; another batch with that key is 422', async () => {
    await settled();
    const images = await distinctImages(4);
    const key = `batch-${Date.now()}`;
    const first = await postBatch(t, images, { analyzers: 'makeup' }).set('idempotency-key', key).expect(202);
    const jobsAfterFirst = (await t.footprint()).jobs;
    const replay = await postBatch(t, images, { analyzers: 'makeup' }).set('idempotency-key', key).expect(202);
    expect(replay.text).toBe(first.text);
    expect(replay.headers['location']).toBe(first.headers['location']);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect((await t.footprint()).jobs).toBe(jobsAfterFirst);
    // Same names and sizes, other bytes: another request.
    const other = (await distinctImages(4)).map((image, i) => ({ ...image, name: images[i].name }));
    const mismatch = await postBatch(t, other, { analyzers: 'makeup' }).set('idempotency-key', key).expect(422);
    expect(mismatch.body.code).toBe('idempotency_mismatch');
    expect((await t.footprint()).jobs).toBe(jobsAfterFirst);
    await t.ended(first.body.job_id, 60_000);
  });

  it("aggregates its children's ends into its title and progress, as the stream shows them", async () => {
    await settled();
    const meter = await StreamMeter.open(`${url}/api/jobs/stream`, auth);
    const res = await postBatch(t, await distinctImages(6), { analyzers: 'makeup' }).expect(202);
    const batchId = res.body.job_id as string;
    await meter.until((events) => events.some((e) => e.job?.job_id === batchId && isFinished(e.job.status)), 60_000, 'the batch to end');
    meter.stop();
    const states = meter.events.filter((e) => e.job?.job_id === batchId).map((e) => e.job as Job);
    const counts = states.map((j) => Number(/\((\d+)\/6\)$/.exec(j.title)?.[1]));
    expect(counts[0]).toBe(0);
    expect(counts[counts.length - 1]).toBe(6);
    for (let i = 1; i < states.length; i++) {
      expect(counts[i]).toBeGreaterThanOrEqual(counts[i - 1]);
      expect(states[i].progress).toBeGreaterThanOrEqual(states[i - 1].progress);
    }
    expect(new Set(counts).size).toBeGreaterThan(3);
    expect(states[states.length - 1]).toMatchObject({ status: 'completed', progress: 1, title: 'Batch (6/6)' });
  });

  it('cancelling the batch cancels its unfinished children, and theirs', async () => {
    await settled();
    const res = await postBatch(t, await distinctImages(5), { analyzers: 'makeup,outfit' }).expect(202);
    const batchId = res.body.job_id as string;
    await t.until(batchId, (j) => j.status === 'running');
    const cancelled = await t.http.post(`/api/jobs/${batchId}/cancel`).expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    const kids = (await t.http.get('/api/jobs').query({ parent_id: batchId })).body.jobs as Job[];
    expect(kids).toHaveLength(5);
    const grandchildren = (await Promise.all(kids.map(async (k) => (await t.http.get('/api/jobs').query({ parent_id: k.job_id })).body.jobs as Job[]))).flat();
    expect(grandchildren).toHaveLength(10);
    for (const job of [...kids, ...grandchildren]) expect(isFinished(job.status)).toBe(true);
    expect(kids.filter((k) => k.status === 'cancelled').length).toBeGreaterThan(0);
    await t.http.post(`/api/jobs/${batchId}/cancel`).expect(409);
  });

  it('survives cancel, retry and delete racing on the batch and its children; each job ends once per run', async () => {
    await settled();
    const meter = await StreamMeter.open(`${url}/api/jobs/stream`, auth);
    const res = await postBatch(t, await distinctImages(8), { analyzers: 'makeup' }).expect(202);
    const batchId = res.body.job_id as string;
    const childIds = res.body.job.child_ids as string[];
    await t.until(batchId, (j) => j.status === 'running');
    const send = (method: 'post' | 'delete', path: string) => t.http[method](path).then((r) => r.status);
    const commands = [
      ...[0, 1, 2].flatMap(() => [send('post', `/api/jobs/${batchId}/cancel`), send('post', `/api/jobs/${batchId}/retry`), send('delete', `/api/jobs/${batchId}`)]),
      ...childIds.flatMap((id) => [send('post', `/api/jobs/${id}/cancel`), send('post', `/api/jobs/${id}/retry`), send('delete', `/api/jobs/${id}`)]),
    ];
    const statuses = await Promise.all(commands);
    expect(statuses.every((s) => s < 500)).toBe(true);
    // Whatever won, the server answers and the batch settles: cancelled, or retried and run to its end.
    await t.http.get('/api/health').expect(200);
    const batch = await t.http.get(`/api/jobs/${batchId}`);
    if (batch.status === 200 && !isFinished(batch.body.status)) await t.ended(batchId, 60_000);
    await settled();
    meter.stop();
    // A job ends once per run: two final events of one job always have a retry (queued again) between them.
    const runs = new Map<string, Job['status'][]>();
    for (const e of meter.events) if (e.job && [batchId, ...childIds].includes(e.job.job_id)) runs.set(e.job.job_id, [...(runs.get(e.job.job_id) ?? []), e.job.status]);
    expect(runs.get(batchId)?.some(isFinished)).toBe(true);
    for (const seen of runs.values()) {
      const ends = seen.map((status, i) => (isFinished(status) && i > 0 && isFinished(seen[i - 1]) ? 'twice' : status));
      expect(ends).not.toContain('twice');
    }
  });
});
