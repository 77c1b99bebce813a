import { jobEvent, makeJob } from '../../testing/job.factory';
import { compareEventIds, initialJobsState, reduceJobs, sortNewestFirst, type JobsState } from './jobs-stream.reducer';

function later(iso: string, seconds: number): string {
  return new Date(Date.parse(iso) + seconds * 1000).toISOString();
}

describe('reduceJobs', () => {
  it('replaces the state with a snapshot and remembers its cursor', () => {
    const stale = reduceJobs(initialJobsState, { kind: 'local', job: makeJob() });
    const a = makeJob();
    const b = makeJob({ status: 'running' });
    const state = reduceJobs(stale, { kind: 'snapshot', id: '10', jobs: [a, b] });
    expect(Object.keys(state.jobs)).toEqual([a.job_id, b.job_id]);
    expect(state.lastEventId).toBe('10');
  });

  it('applies job events in order: created, updated, completed', () => {
    const job = makeJob();
    const running = { ...job, status: 'running' as const, progress: 0.5, updated_at: later(job.updated_at, 1) };
    const done = { ...running, status: 'completed' as const, progress: 1, updated_at: later(job.updated_at, 2) };
    let state: JobsState = reduceJobs(initialJobsState, { kind: 'snapshot', id: '1', jobs: [] });
    state = reduceJobs(state, { kind: 'event', event: jobEvent(2, 'job.created', job) });
    state = reduceJobs(state, { kind: 'event', event: jobEvent(3, 'job.updated', running) });
    state = reduceJobs(state, { kind: 'event', event: jobEvent(4, 'job.completed', done) });
    expect(state.jobs[job.job_id]).toEqual(done);
    expect(state.lastEventId).toBe('4');
  });

  it('ignores events at or below the last applied id (replays after a reconnect)', () => {
    const job = makeJob({ status: 'running', progress: 0.75 });
    const older = { ...job, progress: 0.25 };
    const start = reduceJobs(initialJobsState, { kind: 'snapshot', id: '7', jobs: [job] });
    const replayed = reduceJobs(start, { kind: 'event', event: jobEvent(5, 'job.updated', older) });
    const duplicate = reduceJobs(start, { kind: 'event', event: jobEvent(7, 'job.updated', older) });
    expect(replayed).toBe(start);
    expect(duplicate).toBe(start);
  });

  it('keeps one entry per job whatever mix of snapshot, local and replayed events arrives', () => {
    const job = makeJob();
    let state = reduceJobs(initialJobsState, { kind: 'local', job });
    state = reduceJobs(state, { kind: 'snapshot', id: '3', jobs: [job] });
    state = reduceJobs(state, { kind: 'event', event: jobEvent(3, 'job.created', job) });
    state = reduceJobs(state, { kind: 'event', event: jobEvent(4, 'job.created', job) });
    state = reduceJobs(state, { kind: 'local', job });
    expect(Object.keys(state.jobs)).toEqual([job.job_id]);
  });

  it('never lets an older copy of a job overwrite a newer one', () => {
    const job = makeJob({ status: 'running', progress: 0.5, updated_at: '2025-01-01T12:00:10.000Z' });
    const state = reduceJobs(initialJobsState, { kind: 'snapshot', id: '9', jobs: [job] });
    const stale = { ...job, progress: 0.1, updated_at: '2025-01-01T12:00:05.000Z' };
    expect(reduceJobs(state, { kind: 'local', job: stale }).jobs[job.job_id]).toBe(job);
    expect(reduceJobs(state, { kind: 'event', event: jobEvent(10, 'job.updated', stale) }).jobs[job.job_id]).toBe(job);
  });

  it('folds in a page of jobs from REST, keeping the newer copy of each and the stream cursor', () => {
    const job = makeJob({ status: 'running', progress: 0.5, updated_at: '2025-01-01T12:00:10.000Z' });
    const state = reduceJobs(initialJobsState, { kind: 'snapshot', id: '9', jobs: [job] });
    const stale = { ...job, progress: 0.1, updated_at: '2025-01-01T12:00:05.000Z' };
    const other = makeJob({ status: 'queued' });
    const next = reduceJobs(state, { kind: 'page', jobs: [stale, other] });
    expect(next.jobs).toEqual({ [job.job_id]: job, [other.job_id]: other });
    expect(next.lastEventId).toBe('9');
    expect(reduceJobs(next, { kind: 'page', jobs: [stale] })).toBe(next);
  });

  it('removes a deleted job', () => {
    const job = makeJob();
    const state = reduceJobs(initialJobsState, { kind: 'snapshot', id: '1', jobs: [job] });
    const next = reduceJobs(state, { kind: 'event', event: { id: '2', event: 'job.deleted', data: { job_id: job.job_id } } });
    expect(next.jobs).toEqual({});
    expect(next.lastEventId).toBe('2');
  });
});

describe('compareEventIds', () => {
  it('compares numeric cursors as numbers, not as text', () => {
    expect(compareEventIds('9', '10')).toBe(-1);
    expect(compareEventIds('100', '99')).toBe(1);
    expect(compareEventIds('12345678901234567890', '12345678901234567890')).toBe(0);
  });
});

describe('sortNewestFirst', () => {
  it('orders by creation time, newest first', () => {
    const a = makeJob();
    const b = makeJob();
    expect(sortNewestFirst([a, b]).map((j) => j.job_id)).toEqual([b.job_id, a.job_id]);
  });
});
