import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Job, TaskPanel } from '@atelier/contracts';
import { FakeEventSource, makeJob } from '@atelier/console/data-access/testing';
import { connectFakeStream } from '../../testing/fake-stream';
import { PanelContent } from './panel-content';

const NOW = Date.parse('2025-01-01T12:10:00.000Z');
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();

describe('PanelContent', () => {
  let http: HttpTestingController;
  let content: PanelContent;
  let source: FakeEventSource;

  const ids = () => content.jobs().map((j) => j.job_id);
  function answer(panel: Partial<TaskPanel>, date = new Date(NOW).toUTCString()): void {
    TestBed.tick();
    http.expectOne('/api/task-panel').flush({ jobs: [], recent_seconds: 120, paused_types: [], ...panel }, { headers: { Date: date } });
    TestBed.tick();
  }

  beforeEach(() => {
    vi.useFakeTimers({ now: NOW });
    source = connectFakeStream();
    http = TestBed.inject(HttpTestingController);
    content = TestBed.inject(PanelContent);
    source.open();
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('shows in a fresh tab what the server lists, not every job the stream’s snapshot holds', () => {
    const running = makeJob({ status: 'running' });
    const oldCompleted = Array.from({ length: 89 }, () => makeJob({ status: 'completed', finished_at: ago(300) }));
    const dismissedElsewhere = makeJob({ status: 'failed', finished_at: ago(60) });
    const olderFailure = makeJob({ status: 'failed', finished_at: ago(3600) });
    source.emit('snapshot', '1', { jobs: [running, dismissedElsewhere, ...oldCompleted] });
    answer({ jobs: [running, olderFailure], paused_types: ['analyze'] });
    expect(content.loaded()).toBe(true);
    expect(ids().sort()).toEqual([running.job_id, olderFailure.job_id].sort());
    expect(content.pausedTypes()).toEqual(['analyze']);
  });

  it('adds a job that finishes live, and drops it in this tab when any tab of the user dismissed it', () => {
    const job = makeJob({ status: 'running' });
    source.emit('snapshot', '1', { jobs: [job] });
    answer({ jobs: [job] });
    const done: Job = { ...job, status: 'completed', progress: 1, finished_at: ago(0), updated_at: ago(0) };
    source.emit('job.completed', '2', done);
    expect(ids()).toEqual([job.job_id]);
    source.emit('panel.dismissed', '3', { user_id: 'u1', job_ids: [job.job_id] });
    expect(ids()).toEqual([]);
  });

  it('lets a completed job go after recent_seconds, measured on the server’s clock', async () => {
    const done = makeJob({ status: 'completed', finished_at: ago(100) });
    const failed = makeJob({ status: 'failed', finished_at: ago(100) });
    source.emit('snapshot', '1', { jobs: [done, failed] });
    // The server's clock is 10 s ahead: the job has 10 s left, not 20.
    answer({ jobs: [done, failed] }, new Date(NOW + 10_000).toUTCString());
    expect(ids().sort()).toEqual([done.job_id, failed.job_id].sort());
    await vi.advanceTimersByTimeAsync(9_000);
    TestBed.tick();
    expect(ids()).toContain(done.job_id);
    await vi.advanceTimersByTimeAsync(2_000);
    TestBed.tick();
    expect(ids()).toEqual([failed.job_id]);
  });

  it('dismisses through the server, at once in this tab, and brings the card back when the server refuses', () => {
    const failed = makeJob({ status: 'failed', finished_at: ago(30) });
    source.emit('snapshot', '1', { jobs: [failed] });
    answer({ jobs: [failed] });
    const errors: unknown[] = [];
    content.dismiss([failed.job_id]).subscribe({ error: (e: unknown) => errors.push(e) });
    expect(ids()).toEqual([]);
    const request = http.expectOne('/api/task-panel/dismiss');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ job_ids: [failed.job_id] });
    request.flush({ title: 'Service Unavailable', status: 503 }, { status: 503, statusText: 'Service Unavailable' });
    expect(errors).toHaveLength(1);
    expect(ids()).toEqual([failed.job_id]);
  });

  it('reloads after a reconnect, keeping what the stream said while the answer was on its way', async () => {
    const first = makeJob({ status: 'failed', finished_at: ago(30) });
    source.emit('snapshot', '1', { jobs: [first] });
    answer({ jobs: [first] });
    source.interrupt();
    TestBed.tick();
    await vi.advanceTimersByTimeAsync(30_000);
    const again = FakeEventSource.instances[1];
    again.open();
    TestBed.tick(); // the reload is under way
    const finishedMeanwhile = makeJob({ status: 'failed', finished_at: ago(0) });
    again.emit('job.failed', '2', finishedMeanwhile);
    // Another tab dismissed `first` while this one was away: the new answer no longer lists it.
    answer({ jobs: [] });
    expect(ids()).toEqual([finishedMeanwhile.job_id]);
  });

  it('follows queue pauses and resumes from the stream', () => {
    source.emit('snapshot', '1', { jobs: [] });
    answer({ paused_types: [] });
    source.emit('queue.paused', '2', { type: 'analyze', paused: true, changed_at: ago(0), changed_by: 'u1' });
    expect(content.pausedTypes()).toEqual(['analyze']);
    source.emit('queue.resumed', '3', { type: 'analyze', paused: false, changed_at: ago(0), changed_by: 'u1' });
    expect(content.pausedTypes()).toEqual([]);
  });
});
