import { Registry } from 'prom-client';
import type { JobSnapshot } from '@atelier/contracts';
import { parseConfig } from '@atelier/platform';
import { MemoryEventBus } from '@atelier/jobs';
import { gate } from '@atelier/jobs/testing';
import { FLUSH_GAP_MS, JobEventBroadcaster } from './job-event-broadcaster';
import { StreamMetrics } from './stream-metrics';
import { JobStreamService } from './job-stream.service';
import { SNAPSHOT_SHARE_MS } from './snapshot/shared-snapshots';
import { FakeJobStore } from './testing/fake-job-store';
import { FakeSink } from './testing/fake-sink';
import { aJob } from './testing/jobs';

/** Lets the promises in flight settle, then the broadcaster flush what it holds. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  jest.advanceTimersByTime(FLUSH_GAP_MS);
};

describe('JobStreamService', () => {
  let bus: MemoryEventBus;
  let broadcaster: JobEventBroadcaster;
  let db: FakeJobStore;
  let service: JobStreamService;

  beforeEach(() => {
    jest.useFakeTimers();
    bus = new MemoryEventBus(100);
    broadcaster = new JobEventBroadcaster(bus, parseConfig({}), new StreamMetrics(new Registry()));
    broadcaster.onModuleInit();
    db = new FakeJobStore();
    db.jobs = [aJob({ job_id: 'old' })];
    service = new JobStreamService(bus, db.store, broadcaster, parseConfig({}));
  });
  afterEach(() => {
    broadcaster.onModuleDestroy();
    jest.useRealTimers();
  });

  const update = (job_id: string) => bus.publish({ event: 'job.updated', data: aJob({ job_id }) });
  const snapshotOf = (sink: FakeSink) => JSON.parse(/^event: snapshot\nid: .*\ndata: (.*)$/m.exec(sink.text())![1]) as JobSnapshot;

  it('sends the snapshot first, then each event published while it was read, once', async () => {
    const snapshot = gate();
    db.hold = snapshot.promise;
    db.jobs = [aJob({ job_id: 'j1' })];
    const sink = new FakeSink();
    const opened = service.open(sink, {});
    await update('j1');
    await update('j2');
    await settle();
    expect(sink.chunks).toHaveLength(0);

    snapshot.open();
    await opened;
    await update('j3');
    await settle();

    expect(sink.headers?.['Content-Type']).toBe('text/event-stream');
    expect(sink.text().startsWith('\nevent: snapshot\n')).toBe(true);
    expect(sink.text().match(/^event: .*$/gm)).toEqual(['event: snapshot', 'event: job.updated', 'event: job.updated', 'event: job.updated']);
    expect(new Set(sink.ids()).size).toBe(4);
  });

  it('replays the events after Last-Event-ID, without a snapshot, and then goes on live', async () => {
    await update('j1');
    const seen = bus.currentCursor();
    await update('j2');
    await update('j3');
    const sink = new FakeSink();
    await service.open(sink, {}, seen);
    await update('j4');
    await settle();

    expect(sink.text()).not.toContain('snapshot');
    expect(sink.ids().map(BigInt)).toEqual([1n, 2n, 3n].map((n) => BigInt(seen) + n));
  });

  it('applies the filter to the snapshot, the replay and the live events alike', async () => {
    const sink = new FakeSink();
    await service.open(sink, { jobId: 'j2' });
    await update('j1');
    await update('j2');
    await settle();

    expect(sink.text()).toContain('data: {"jobs":[]}');
    expect(sink.text().match(/"job_id":"j\d"/g)).toEqual(['"job_id":"j2"']);
  });

  it('lets the error of a failed head read through before anything is written, and keeps no stream', async () => {
    db.hold = Promise.reject(new Error('store down'));
    const sink = new FakeSink();

    await expect(service.open(sink, {})).rejects.toThrow('store down');
    expect(sink.status).toBeUndefined();
    expect(broadcaster.size).toBe(0);
  });

  it('forgets a stream when its client leaves, also one that left before it was registered', async () => {
    const sink = new FakeSink();
    await service.open(sink, {});
    expect(broadcaster.size).toBe(1);
    sink.destroy();
    expect(broadcaster.size).toBe(0);

    const gone = new FakeSink();
    gone.destroyed = true;
    await service.open(gone, {});
    expect(broadcaster.size).toBe(0);
  });
  it('shares one read of the store, serialised once, between the streams that open while it is read', async () => {
    const read = gate();
    db.hold = read.promise;
    const sinks = Array.from({ length: 100 }, () => new FakeSink());
    const opened = sinks.map((sink, i) => service.open(sink, i % 10 ? {} : { statuses: ['running'] }));
    await settle();
    expect(broadcaster.size).toBe(100);

    read.open();
    await Promise.all(opened);

    expect(db.calls).toEqual({ list: 1, snapshot: 1, get: 0, children: 0, getMany: 0 });
    const unfiltered = sinks.filter((_, i) => i % 10);
    expect(new Set(unfiltered.map((sink) => sink.chunks[1])).size).toBe(1);
    expect(sinks.every((sink) => snapshotOf(sink).jobs[0]?.job_id === 'old')).toBe(true);
  });

  it('sends a stream that opens while the snapshot is recent the same one, with the events since its cursor, and reads again once it is old', async () => {
    const first = new FakeSink();
    await service.open(first, {});
    await update('j1');
    await update('j2');
    await settle();

    const second = new FakeSink();
    await service.open(second, {});
    await update('j3');
    await settle();

    expect(db.calls.list).toBe(1);
    expect(second.ids()).toEqual(first.ids());
    expect(second.text().match(/"job_id":"j\d"/g)).toEqual(['"job_id":"j1"', '"job_id":"j2"', '"job_id":"j3"']);

    jest.advanceTimersByTime(SNAPSHOT_SHARE_MS + 1);
    await service.open(new FakeSink(), {});
    expect(db.calls.list).toBe(2);
  });

  it('reads its own family for a stream filtered by job_id', async () => {
    db.jobs = [aJob({ job_id: 'p', child_ids: ['c'] }), aJob({ job_id: 'c', parent_id: 'p' }), aJob({ job_id: 'x' })];
    const sink = new FakeSink();
    await service.open(sink, { jobId: 'p' });

    expect(snapshotOf(sink).jobs.map((j) => j.job_id)).toEqual(['p', 'c']);
    expect(db.calls).toMatchObject({ list: 0, snapshot: 0, get: 1, children: 1 });
  });

  it('says on the wire when the snapshot leaves jobs out', async () => {
    service = new JobStreamService(bus, db.store, broadcaster, parseConfig({ SSE_SNAPSHOT_FINISHED: '2' }));
    const finishedAt = new Date().toISOString();
    db.jobs = ['a', 'b', 'c'].map((job_id) => aJob({ job_id, status: 'completed', finished_at: finishedAt }));
    const sink = new FakeSink();
    await service.open(sink, {});

    const snapshot = snapshotOf(sink);
    expect(snapshot.jobs.map((j) => j.job_id)).toEqual(['c', 'b']);
    expect(snapshot).toMatchObject({ truncated: true, unfinished_cursor: null, finished_cursor: expect.any(String) });
  });
});
