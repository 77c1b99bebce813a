import { request as httpRequest } from 'node:http';
import type { Job, JobList, JobSnapshot } from '@atelier/contracts';
import { JobStore, MemoryEventBus } from '@atelier/jobs';
import { ended, gate, hasStatus, waitForJob } from '@atelier/jobs/testing';
import { JobEventBroadcaster, StreamAdmission } from '@atelier/streaming';
import { SseClient, type SseEvent } from './support/sse-client';
import { book, startTestApp, type TestApp } from './support/test-app';

const jobOf = (e: SseEvent) => e.data as Job;
const finalOf = (id: string) => (events: SseEvent[]) => events.some((e) => e.event === 'job.completed' && jobOf(e).job_id === id);

describe('GET /api/jobs/stream (Server-Sent Events)', () => {
  let t: TestApp;
  const clients: SseClient[] = [];
  const connect = async (query = '', headers: Record<string, string> = {}) => {
    const c = await SseClient.connect(`${t.url}/api/jobs/stream${query}`, headers);
    clients.push(c);
    return c;
  };
  const analyze = (analyzer: string) => t.engine.jobs.create({ type: 'analyze', title: analyzer, input: { analyzer, image_id: 'img' } });

  beforeAll(async () => {
    t = await startTestApp({ SSE_HEARTBEAT_MS: '200', SSE_REPLAY_SIZE: '50' });
  });
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(() => t.close());

  it('sends a snapshot first, then named events in order with increasing ids', async () => {
    const before = await analyze('plain');
    await waitForJob(t.engine, before.job_id, ended);
    const stream = await connect();
    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
    await stream.waitFor((e) => e.length >= 1, 5000, 'snapshot');
    expect(stream.events[0].event).toBe('snapshot');
    const snapshotJobs = (stream.events[0].data as { jobs: Job[] }).jobs;
    expect(snapshotJobs.map((j) => j.job_id)).toContain(before.job_id);

    book.define('steps', async (ctx) => {
      await ctx.progress(1, 2, 'half');
      return {};
    });
    const job = await analyze('steps');
    await stream.waitFor(finalOf(job.job_id), 5000, 'job.completed');
    const mine = stream.events.filter((e) => e.event !== 'snapshot' && (e.data as { job_id: string }).job_id === job.job_id);
    expect(mine[0].event).toBe('job.created');
    expect(mine.map((e) => e.event)).toContain('job.updated');
    expect(mine[mine.length - 1].event).toBe('job.completed');
    const ids = stream.events.map((e) => BigInt(e.id!));
    for (let i = 1; i < ids.length; i++) expect(ids[i] > ids[i - 1]).toBe(true);
  });

  it('replays every event after Last-Event-ID, in order, without a snapshot', async () => {
    const first = await connect();
    await first.waitFor((e) => e.length >= 1);
    const a = await analyze('plain');
    await first.waitFor(finalOf(a.job_id));
    const cutAt = first.events.findIndex((e) => e.event === 'job.created' && jobOf(e).job_id === a.job_id);
    const lastSeen = first.events[cutAt].id!;
    const b = await analyze('plain');
    await first.waitFor(finalOf(b.job_id));
    const expected = first.events.slice(cutAt + 1).map((e) => e.id);

    const resumed = await connect('', { 'Last-Event-ID': lastSeen });
    await resumed.waitFor(finalOf(b.job_id));
    expect(resumed.events.some((e) => e.event === 'snapshot')).toBe(false);
    expect(resumed.events.map((e) => e.id).slice(0, expected.length)).toEqual(expected);

    // Clients that cannot set headers resume with ?last_event_id= instead.
    const byQuery = await connect(`?last_event_id=${lastSeen}`);
    await byQuery.waitFor(finalOf(b.job_id));
    expect(byQuery.events.map((e) => e.id).slice(0, expected.length)).toEqual(expected);
  });

  it('sends a fresh snapshot when Last-Event-ID is too old to replay', async () => {
    const stream = await connect('', { 'Last-Event-ID': '1' });
    await stream.waitFor((e) => e.length >= 1);
    expect(stream.events[0].event).toBe('snapshot');
    const garbage = await connect('', { 'Last-Event-ID': 'not-a-cursor' });
    await garbage.waitFor((e) => e.length >= 1);
    expect(garbage.events[0].event).toBe('snapshot');
  });

  it('filters by job_id (that job and its children) and by status', async () => {
    const hold = gate();
    book.define('held', () => hold.promise.then(() => ({})));
    const parent = await t.engine.jobs.create({
      type: 'comprehensive_analyze',
      title: 'Comprehensive analysis',
      input: { analyzers: ['held', 'plain'], image_id: 'img' },
      children: ['held', 'plain'].map((n) => ({ type: 'analyze' as const, title: n, input: { analyzer: n, image_id: 'img' } })),
    });
    const other = await analyze('plain');
    const byParent = await connect(`?job_id=${parent.job_id}`);
    const failedOnly = await connect('?status=failed,cancelled');
    await waitForJob(t.engine, other.job_id, ended);
    await byParent.waitFor((e) => e.length >= 1);
    const snap = (byParent.events[0].data as { jobs: Job[] }).jobs.map((j) => j.job_id).sort();
    expect(snap).toEqual([parent.job_id, ...parent.child_ids].sort());
    await waitForJob(t.engine, parent.child_ids[0], hasStatus('running'));
    await t.engine.jobs.cancel(parent.job_id);
    hold.open();
    await byParent.waitFor((e) => e.some((x) => x.event === 'job.cancelled' && jobOf(x).job_id === parent.job_id));
    const seenIds = new Set(byParent.events.filter((e) => e.event !== 'snapshot').map((e) => jobOf(e).job_id));
    expect(seenIds.has(other.job_id)).toBe(false);
    await failedOnly.waitFor((e) => e.some((x) => x.event === 'job.cancelled' && jobOf(x).job_id === parent.job_id));
    expect(failedOnly.events.filter((e) => e.event !== 'snapshot').every((e) => ['failed', 'cancelled'].includes(jobOf(e).status))).toBe(true);
  });

  it('rejects a bad filter with problem+json before streaming', async () => {
    const stream = await connect('?status=sleeping');
    expect(stream.status).toBe(400);
    expect(stream.headers['content-type']).toMatch(/problem\+json/);
  });

  it('sends a ": ping" heartbeat comment', async () => {
    const stream = await connect();
    await stream.waitForComment('ping', 3000);
  });

  it('leaves no stream and no subscription behind after 1,000 connect/disconnect cycles', async () => {
    const bus = t.engine.bus as MemoryEventBus;
    const streams = t.app.get(JobEventBroadcaster);
    // One subscription (the broadcaster's) serves every stream, so it must neither grow nor go away.
    const subscriptions = bus.subscriberCount();
    for (let i = 0; i < 1000; i++) {
      await new Promise<void>((resolve, reject) => {
        const req = httpRequest(`${t.url}/api/jobs/stream`, (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve() : reject(err)));
        req.end();
      });
    }
    // Disconnects are noticed asynchronously: wait until the server has let go of every stream
    // (those of the earlier tests included, whose clients are closed too).
    const deadline = Date.now() + 5000;
    while (streams.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(streams.size).toBe(0);
    expect(bus.subscriberCount()).toBe(subscriptions);
  }, 60_000);
});

describe('GET /api/jobs/stream after a deploy: a reconnect storm over a long history', () => {
  let t: TestApp;
  let admitted: jest.SpyInstance;
  const clients: SseClient[] = [];
  const snapshotOf = async (c: SseClient) => (await c.waitFor((e) => e.length >= 1, 10_000, 'snapshot'))[0].data as JobSnapshot;

  beforeEach(async () => {
    admitted = jest.spyOn(StreamAdmission.prototype, 'use');
    t = await startTestApp({ SSE_SNAPSHOT_FINISHED: '20' });
  });
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await t.close();
    admitted.mockRestore();
  });

  it('sends the newest finished jobs up to the limit with every unfinished one, says it is truncated, and GET /api/jobs pages the rest', async () => {
    const finished = [];
    for (let i = 0; i < 120; i++) finished.push(await t.engine.jobs.create({ type: 'analyze', title: 'plain', input: { analyzer: 'plain', image_id: 'img' } }));
    await Promise.all(finished.map((j) => waitForJob(t.engine, j.job_id, ended)));
    const hold = gate();
    book.define('held', () => hold.promise.then(() => ({})));
    const running = await t.engine.jobs.create({ type: 'analyze', title: 'held', input: { analyzer: 'held', image_id: 'img' } });
    await waitForJob(t.engine, running.job_id, hasStatus('running'));

    const stream = await SseClient.connect(`${t.url}/api/jobs/stream`, { 'Last-Event-ID': '1' });
    clients.push(stream);
    const snapshot = await snapshotOf(stream);
    hold.open();

    expect(snapshot.jobs.map((j) => j.job_id)).toEqual([running.job_id, ...finished.slice(-20).reverse().map((j) => j.job_id)]);
    expect(snapshot).toMatchObject({ truncated: true, unfinished_cursor: null, finished_since: expect.any(String) });
    const rest = await fetch(`${t.url}/api/jobs?status=completed,failed,cancelled&limit=200&cursor=${snapshot.finished_cursor}`);
    const page = (await rest.json()) as JobList;
    expect(page.jobs.map((j) => j.job_id)).toEqual(finished.slice(0, 100).reverse().map((j) => j.job_id));
  }, 60_000);

  it('reads the store once for the clients that connect while the snapshot is read', async () => {
    const store = t.app.get(JobStore);
    const read = gate();
    const snapshot = store.snapshot.bind(store);
    const reads = jest.spyOn(store, 'snapshot').mockImplementation(async (...args) => {
      await read.promise;
      return snapshot(...args);
    });
    const streams = t.app.get(JobEventBroadcaster);
    const connecting = Array.from({ length: 50 }, () => SseClient.connect(`${t.url}/api/jobs/stream`));
    const deadline = Date.now() + 20_000;
    while (streams.size < 50 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(streams.size).toBe(50);

    read.open();
    clients.push(...(await Promise.all(connecting)));
    const snapshots = await Promise.all(clients.map(snapshotOf));

    expect(reads).toHaveBeenCalledTimes(1);
    // Each came into Nest's pipeline through the admission pacer.
    expect(admitted).toHaveBeenCalledTimes(50);
    expect(new Set(clients.map((c) => c.events[0].id)).size).toBe(1);
    expect(snapshots.every((s) => Array.isArray(s.jobs) && s.truncated === undefined)).toBe(true);
  }, 60_000);
});
