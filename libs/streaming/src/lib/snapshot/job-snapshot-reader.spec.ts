import { FINISHED_STATUSES, UNFINISHED_STATUSES, type Job, type JobStatus } from '@atelier/contracts';
import { decodeCursor } from '@atelier/platform';
import { FakeJobStore } from '../testing/fake-job-store';
import { aJob } from '../testing/jobs';
import { JobSnapshotReader, SNAPSHOT_WINDOW_MS, type SnapshotLimits } from './job-snapshot-reader';

const NOW = Date.parse('2025-01-01T12:00:00.000Z');
const minutesAgo = (m: number) => new Date(NOW - m * 60_000).toISOString();
const id = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const ids = (jobs: readonly Job[]) => jobs.map((j) => j.job_id);

describe('JobSnapshotReader', () => {
  let db: FakeJobStore;
  const reader = (limits: Partial<SnapshotLimits> = {}) => new JobSnapshotReader(db.store, { finished: 10, unfinished: 20, relatives: 50, ...limits });
  /** Job n (ids grow with n, as UUIDv7s grow with creation time). */
  const add = (n: number, status: JobStatus, over: Partial<Job> = {}) => {
    const job = aJob({ job_id: id(n), status, finished_at: FINISHED_STATUSES.includes(status) ? minutesAgo(1) : null, ...over });
    db.jobs.push(job);
    return job;
  };
  /** What GET /api/jobs?status=…&cursor=… pages, all of it. */
  const rest = async (statuses: readonly JobStatus[], cursor: string) => db.list({ statuses: [...statuses], beforeId: decodeCursor(cursor), limit: 100_000 });

  beforeEach(() => {
    db = new FakeJobStore();
  });

  it('holds every job when they fit, newest first, and then says nothing more (the wire stays as it was)', async () => {
    add(1, 'completed');
    add(2, 'queued');
    add(3, 'failed', { finished_at: minutesAgo(11) });
    add(4, 'running');

    const snapshot = await reader().read(NOW);

    expect(snapshot).toEqual({ jobs: [db.jobs[3], db.jobs[1], db.jobs[0]] });
  });

  it('holds the newest finished jobs of the window up to the limit, and names the rest with a cursor of GET /api/jobs', async () => {
    for (let n = 1; n <= 40; n++) add(n, n % 7 === 0 ? 'failed' : 'completed');
    add(41, 'running');
    add(42, 'completed', { finished_at: minutesAgo(30) });

    const snapshot = await reader({ finished: 10 }).read(NOW);

    expect(ids(snapshot.jobs)).toEqual([id(41), ...Array.from({ length: 10 }, (_, i) => id(40 - i))]);
    expect(snapshot.truncated).toBe(true);
    expect(snapshot.finished_since).toBe(new Date(NOW - SNAPSHOT_WINDOW_MS).toISOString());
    expect(snapshot.unfinished_cursor).toBeNull();
    const leftOut = (await rest(FINISHED_STATUSES, snapshot.finished_cursor!)).filter((j) => j.finished_at! >= snapshot.finished_since!);
    expect(ids(leftOut)).toEqual(Array.from({ length: 30 }, (_, i) => id(30 - i)));
  });

  it('finds a job that finished in the window long after newer jobs did', async () => {
    add(1, 'completed', { finished_at: minutesAgo(1) });
    for (let n = 2; n <= 60; n++) add(n, 'completed', { finished_at: minutesAgo(20) });
    add(61, 'completed', { finished_at: minutesAgo(2) });

    const snapshot = await reader({ finished: 10 }).read(NOW);

    expect(ids(snapshot.jobs)).toEqual([id(61), id(1)]);
    expect(snapshot.truncated).toBeUndefined();
  });

  it('keeps a backlog past its limit to the newest unfinished jobs, names the rest, and still sends the newest finished ones', async () => {
    for (let n = 1; n <= 5; n++) add(n, 'completed');
    for (let n = 6; n <= 105; n++) add(n, n % 2 ? 'queued' : 'running');

    const snapshot = await reader({ unfinished: 20, finished: 3 }).read(NOW);

    const unfinished = snapshot.jobs.filter((j) => UNFINISHED_STATUSES.includes(j.status));
    expect(ids(unfinished)).toEqual(Array.from({ length: 20 }, (_, i) => id(105 - i)));
    expect(ids(snapshot.jobs.filter((j) => FINISHED_STATUSES.includes(j.status)))).toEqual([id(5), id(4), id(3)]);
    expect(snapshot.truncated).toBe(true);
    expect(ids(await rest(UNFINISHED_STATUSES, snapshot.unfinished_cursor!))).toEqual(Array.from({ length: 80 }, (_, i) => id(85 - i)));
    expect(ids(await rest(FINISHED_STATUSES, snapshot.finished_cursor!))).toEqual([id(2), id(1)]);
  });

  it('sends a job with its family: the parent of a child, and every child of a parent', async () => {
    const parent = add(1, 'running', { child_ids: [id(2), id(3), id(4)] });
    add(2, 'completed', { parent_id: parent.job_id, finished_at: minutesAgo(1) });
    add(3, 'completed', { parent_id: parent.job_id, finished_at: minutesAgo(1) });
    add(4, 'running', { parent_id: parent.job_id });
    const finishedParent = add(5, 'completed', { child_ids: [id(6)], finished_at: minutesAgo(2) });
    add(6, 'completed', { parent_id: finishedParent.job_id, finished_at: minutesAgo(3) });
    for (let n = 7; n <= 20; n++) add(n, 'completed');

    const snapshot = await reader({ finished: 15 }).read(NOW);

    // The newest 15 finished jobs are 20…6 and the unfinished ones 4 and 1: the limit cut off 5 (6's parent) and 3 and 2 (1's children).
    expect(ids(snapshot.jobs)).toEqual(Array.from({ length: 20 }, (_, i) => id(20 - i)));
    expect(snapshot.truncated).toBe(true);
  });

  it('starts a stream filtered by job_id from that job and its children in the window', async () => {
    const parent = add(1, 'completed', { child_ids: [id(2), id(3)], finished_at: minutesAgo(1) });
    add(2, 'completed', { parent_id: parent.job_id, finished_at: minutesAgo(12) });
    add(3, 'failed', { parent_id: parent.job_id });
    add(4, 'running');

    expect(ids(await reader().readFamily(parent.job_id, NOW))).toEqual([id(3), id(1)]);
    expect(await reader().readFamily('unknown', NOW)).toEqual([]);
  });
});
