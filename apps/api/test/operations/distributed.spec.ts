/**
 * Operations in distributed mode: two API processes on the machine's PostgreSQL (own schema) and
 * Redis (own key prefix), or PostgreSQL alone (QUEUE_BACKEND=postgres). Node one runs no jobs, node
 * two does: a pause on one holds jobs on two, a resume on two runs them, both streams carry the
 * change, the stats agree on both nodes, and a worker that dies drops out of GET /api/workers.
 */
import type { Job } from '@atelier/contracts';
import type { SseClient } from '../support/sse-client';
import { AccessServer, TEST_DATABASE_URL, TEST_REDIS_URL, dropTestNamespace, testNamespace, until, type Caller } from '../access/access-harness';
import { allJobs, expectStayQueued, openStream, pauseQueue, queueEvents, queueOf, resumeQueue, settled, summaryOf, timeseriesOf, workersOf } from './operations-harness';

jest.setTimeout(180_000);

const HEARTBEAT_MS = 500;

describe.each([
  ['Redis', { REDIS_URL: TEST_REDIS_URL }],
  ['PostgreSQL only', { QUEUE_BACKEND: 'postgres' }],
])('operations, distributed on %s (two API processes, jobs run on the second)', (_name, backend) => {
  const ns = testNamespace();
  const env = { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: ns.schema, QUEUE_PREFIX: ns.prefix, WORKER_HEARTBEAT_MS: String(HEARTBEAT_MS), ...backend };
  let one: AccessServer;
  let two: AccessServer | undefined;
  let admin: Caller;
  const streams: SseClient[] = [];

  beforeAll(async () => {
    one = await AccessServer.start({ ...env, RUN_WORKERS: 'false' });
    two = await AccessServer.start({ ...env, RUN_WORKERS: 'true' });
    admin = await one.admin();
  });
  afterAll(async () => {
    streams.forEach((s) => s.close());
    await one?.stop();
    await two?.stop();
    await dropTestNamespace(ns);
  });

  it('a pause on one node holds the jobs the other runs; a resume on the other runs them; both streams carry it', async () => {
    const onTwo = admin.on(two!);
    const [streamOne, streamTwo] = [await openStream(admin), await openStream(onTwo)];
    streams.push(streamOne, streamTwo);
    const from = new Date(Date.now() - 1000).toISOString();

    const paused = await pauseQueue(admin, 'analyze');
    await streamTwo.waitFor((events) => queueEvents(events).some((e) => e.event === 'queue.paused'), 10_000, 'queue.paused on node two');
    expect(await queueOf(onTwo, 'analyze')).toMatchObject({ paused: true, changed_by: admin.id, changed_at: paused.changed_at });

    const held: Job[] = [await admin.submit(), await onTwo.submit()];
    await until('the thumbnails to complete on node two', async () => (await summaryOf(admin)).by_type.generate_thumbnail?.completed === 2);
    await expectStayQueued(admin, held.map((j) => j.job_id));

    const resumed = await resumeQueue(onTwo, 'analyze');
    for (const job of held) expect((await admin.waitForJob(job.job_id)).status).toBe('completed');
    await streamOne.waitFor((events) => queueEvents(events).some((e) => e.event === 'queue.resumed'), 10_000, 'queue.resumed on node one');
    expect(queueEvents(streamOne.events).map((e) => e.data)).toEqual([
      { type: 'analyze', paused: true, changed_at: paused.changed_at, changed_by: admin.id },
      { type: 'analyze', paused: false, changed_at: resumed.changed_at, changed_by: admin.id },
    ]);

    // Both nodes read the same durable records.
    await settled(admin);
    const query = { from, to: new Date(Date.now() + 1000).toISOString(), bucket: '1m' };
    expect(await summaryOf(onTwo)).toEqual(await summaryOf(admin));
    const series = await timeseriesOf(admin, query);
    expect(await timeseriesOf(onTwo, query)).toEqual(series);
    expect(series.points.reduce((n, p) => n + p.completed, 0)).toBe((await allJobs(admin)).filter((j) => j.status === 'completed').length);
  });

  it('GET /api/workers on either node lists the process on node two; once it dies it drops out within 3 heartbeats', async () => {
    const workers = await workersOf(admin);
    expect(workers).toHaveLength(1);
    expect(workers[0]).toMatchObject({ role: 'api', running: 0, running_jobs: [] });
    expect(await workersOf(admin.on(two!))).toEqual([expect.objectContaining({ worker_id: workers[0].worker_id })]);

    await two!.stop();
    two = undefined;
    const killedAt = Date.now();
    await until('the dead worker to drop out', async () => (await workersOf(admin)).length === 0, 10_000);
    expect(Date.now() - killedAt).toBeLessThan(4 * HEARTBEAT_MS + 2000);
  });
});
