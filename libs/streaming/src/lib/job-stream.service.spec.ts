import type { Job } from '@atelier/contracts';
import { parseConfig } from '@atelier/platform';
import { MemoryEventBus, type JobStore } from '@atelier/jobs';
import { gate } from '@atelier/jobs/testing';
import { FLUSH_GAP_MS, JobEventBroadcaster } from './job-event-broadcaster';
import { JobStreamService } from './job-stream.service';
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
  let readSnapshot: () => Promise<Job[]>;
  let service: JobStreamService;

  beforeEach(() => {
    jest.useFakeTimers();
    bus = new MemoryEventBus(100);
    broadcaster = new JobEventBroadcaster(bus, parseConfig({}));
    broadcaster.onModuleInit();
    readSnapshot = async () => [aJob({ job_id: 'old' })];
    const store = { snapshot: () => readSnapshot() } as unknown as JobStore;
    service = new JobStreamService(bus, store, broadcaster);
  });
  afterEach(() => {
    broadcaster.onModuleDestroy();
    jest.useRealTimers();
  });

  const update = (job_id: string) => bus.publish({ event: 'job.updated', data: aJob({ job_id }) });

  it('sends the snapshot first, then each event published while it was read, once', async () => {
    const snapshot = gate<Job[]>();
    readSnapshot = () => snapshot.promise;
    const sink = new FakeSink();
    const opened = service.open(sink, {});
    await update('j1');
    await update('j2');
    await settle();
    expect(sink.chunks).toHaveLength(0);

    snapshot.open([aJob({ job_id: 'j1' })]);
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
    readSnapshot = () => Promise.reject(new Error('store down'));
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
});
