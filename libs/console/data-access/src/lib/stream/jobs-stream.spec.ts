import { TestBed } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import type { Job, JobEvent, JobList } from '@atelier/contracts';
import { FakeEventSource } from '../../testing/fake-event-source';
import { makeJob } from '../../testing/job.factory';
import { EVENT_SOURCE_FACTORY } from './event-source-messages';
import { JobsStream } from './jobs-stream';
import { RECONNECT_BACKOFF } from './reconnect-backoff';

describe('JobsStream', () => {
  let stream: JobsStream;
  /** What the backoff draws for its jitter, in [0, 1). */
  let jitter: number;

  beforeEach(() => {
    FakeEventSource.instances = [];
    jitter = 0.5;
    vi.stubGlobal('EventSource', FakeEventSource);
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: EVENT_SOURCE_FACTORY, useValue: (url: string) => new FakeEventSource(url) as unknown as EventSource },
        { provide: RECONNECT_BACKOFF, useValue: { baseMs: 1000, capMs: 30_000, random: () => jitter } },
      ],
    });
    stream = TestBed.inject(JobsStream);
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

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

  it('shows reconnecting after a drop, resumes after its last event on a new connection, and keeps one card per job after the replay', async () => {
    vi.useFakeTimers();
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
    // Closed, so that the browser does not retry on its own (at the same moment as every other console).
    expect(source.readyState).toBe(FakeEventSource.CLOSED);
    await vi.advanceTimersByTimeAsync(1000);
    const resumed = FakeEventSource.instances[1];
    expect(resumed.url).toBe('/api/jobs/stream?last_event_id=2');
    resumed.open();
    // The server replays from the last event id; an overlapping event must not apply twice.
    resumed.emit('job.created', '2', job);
    const later = { ...job, progress: 0.6, updated_at: new Date(Date.parse(job.updated_at) + 1000).toISOString() };
    resumed.emit('job.updated', '3', later);
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

  it('waits a jittered delay before each reconnect, doubling with each failure in a row up to 30 s, and starts over once the stream delivers', async () => {
    vi.useFakeTimers();
    stream.connect();
    const waits: number[] = [];
    for (let failure = 0; failure < 7; failure++) {
      const sources = FakeEventSource.instances.length;
      FakeEventSource.instances[sources - 1].interrupt();
      let waited = 0;
      while (FakeEventSource.instances.length === sources && waited < 60_000) {
        await vi.advanceTimersByTimeAsync(100);
        waited += 100;
      }
      waits.push(waited);
    }
    expect(waits).toEqual([500, 1000, 2000, 4000, 8000, 15_000, 15_000]);

    const serving = FakeEventSource.instances[FakeEventSource.instances.length - 1];
    serving.open();
    serving.emit('snapshot', '1', { jobs: [] });
    jitter = 0.99;
    serving.interrupt();
    await vi.advanceTimersByTimeAsync(989);
    expect(FakeEventSource.instances).toHaveLength(8);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeEventSource.instances).toHaveLength(9);
  });

  describe('after a truncated snapshot', () => {
    const since = '2025-01-01T11:50:00.000Z';
    const page = (jobs: Job[], next_cursor: string | null): JobList => ({ jobs, next_cursor });
    const request = (http: HttpTestingController, statuses: string, cursor: string) =>
      http.expectOne((r) => r.url === '/api/jobs' && r.params.get('status') === statuses && r.params.get('cursor') === cursor && r.params.get('limit') === '200');

    it('loads what it left out over REST: the unfinished jobs, then the finished ones of its window, page by page', () => {
      const http = TestBed.inject(HttpTestingController);
      stream.connect();
      const source = FakeEventSource.instances[0];
      source.open();
      const sent = makeJob({ status: 'running' });
      source.emit('snapshot', '7', { jobs: [sent], truncated: true, finished_since: since, unfinished_cursor: 'U1', finished_cursor: 'F1' });
      expect(stream.jobs()).toEqual([sent]);

      const queued = makeJob({ status: 'queued' });
      request(http, 'queued,running', 'U1').flush(page([queued], null));
      const failed = makeJob({ status: 'failed', finished_at: '2025-01-01T11:58:00.000Z' });
      const older = makeJob({ status: 'completed', finished_at: '2025-01-01T11:40:00.000Z' });
      request(http, 'completed,failed,cancelled', 'F1').flush(page([failed, older], 'F2'));
      request(http, 'completed,failed,cancelled', 'F2').flush(page([makeJob({ status: 'completed', finished_at: '2025-01-01T11:30:00.000Z' })], 'F3'));
      http.verify();

      expect(stream.jobs().map((j) => j.job_id).sort()).toEqual([sent, queued, failed].map((j) => j.job_id).sort());
      expect(stream.lastEventId()).toBe('7');
    });

    it('does not bring back a job deleted meanwhile, and forgets the loading when a new snapshot arrives', () => {
      const http = TestBed.inject(HttpTestingController);
      stream.connect();
      const source = FakeEventSource.instances[0];
      source.open();
      source.emit('snapshot', '7', { jobs: [], truncated: true, finished_since: since, unfinished_cursor: 'U1', finished_cursor: null });
      const gone = makeJob({ status: 'queued' });
      const kept = makeJob({ status: 'queued' });
      source.emit('job.deleted', '8', { job_id: gone.job_id });
      request(http, 'queued,running', 'U1').flush(page([gone, kept], 'U2'));
      expect(stream.jobs()).toEqual([kept]);

      const pending = request(http, 'queued,running', 'U2');
      source.emit('snapshot', '9', { jobs: [] });
      expect(pending.cancelled).toBe(true);
      http.verify();
      expect(stream.jobs()).toEqual([]);
    });
  });
});
