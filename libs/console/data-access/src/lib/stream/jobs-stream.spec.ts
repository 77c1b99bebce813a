import { TestBed } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import type { JobEvent } from '@atelier/contracts';
import { FakeEventSource } from '../../testing/fake-event-source';
import { makeJob } from '../../testing/job.factory';
import { EVENT_SOURCE_FACTORY } from './event-source-messages';
import { JobsStream } from './jobs-stream';

describe('JobsStream', () => {
  let stream: JobsStream;

  beforeEach(() => {
    FakeEventSource.instances = [];
    vi.stubGlobal('EventSource', FakeEventSource);
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        { provide: EVENT_SOURCE_FACTORY, useValue: (url: string) => new FakeEventSource(url) as unknown as EventSource },
      ],
    });
    stream = TestBed.inject(JobsStream);
  });

  afterEach(() => vi.unstubAllGlobals());

  it('connects to the stream, applies the snapshot and reports the connection state', () => {
    stream.connect();
    const source = FakeEventSource.instances[0];
    expect(source.url).toBe('/api/jobs/stream');
    expect(stream.connection()).toBe('connecting');
    source.open();
    const job = makeJob({ status: 'running' });
    source.emit('snapshot', '5', { jobs: [job] });
    expect(stream.connection()).toBe('open');
    expect(stream.jobs()).toEqual([job]);
  });

  it('shows reconnecting while the browser retries and keeps one card per job after the replay', () => {
    const applied: JobEvent[] = [];
    stream.events$.subscribe((e) => applied.push(e));
    stream.connect();
    const source = FakeEventSource.instances[0];
    source.open();
    const job = makeJob({ status: 'running', progress: 0.2 });
    source.emit('snapshot', '1', { jobs: [] });
    source.emit('job.created', '2', job);
    source.interrupt();
    expect(stream.connection()).toBe('reconnecting');
    source.open();
    // The server replays from Last-Event-ID; an overlapping event must not apply twice.
    source.emit('job.created', '2', job);
    const later = { ...job, progress: 0.6, updated_at: new Date(Date.parse(job.updated_at) + 1000).toISOString() };
    source.emit('job.updated', '3', later);
    expect(stream.connection()).toBe('open');
    expect(stream.jobs()).toEqual([later]);
    expect(applied.map((e) => e.id)).toEqual(['2', '3']);
  });

  it('opens a fresh connection when the browser gives up, and the new snapshot replaces the state', async () => {
    vi.useFakeTimers();
    try {
      stream.connect();
      const first = FakeEventSource.instances[0];
      first.open();
      first.emit('snapshot', '9', { jobs: [makeJob()] });
      first.readyState = FakeEventSource.CLOSED;
      first.onerror?.();
      expect(stream.connection()).toBe('reconnecting');
      await vi.advanceTimersByTimeAsync(1000);
      const second = FakeEventSource.instances[1];
      expect(second).toBeDefined();
      const survivor = makeJob({ status: 'running' });
      second.open();
      second.emit('snapshot', '3', { jobs: [survivor] });
      expect(stream.jobs()).toEqual([survivor]);
      expect(stream.lastEventId()).toBe('3');
    } finally {
      vi.useRealTimers();
    }
  });

  it('adds a job from a REST answer at once', () => {
    const job = makeJob();
    stream.upsert(job);
    expect(stream.jobsById()[job.job_id]).toBe(job);
  });
});
