import { FINISHED_STATUSES, UNFINISHED_STATUSES, isFinished, type Job, type JobSnapshot } from '@atelier/contracts';
import { encodeCursor } from '@atelier/platform';
import type { JobStore } from '@atelier/jobs';

/** The finished jobs a snapshot stands for are those of this window ("the last 10 minutes"). */
export const SNAPSHOT_WINDOW_MS = 10 * 60_000;

/** How many jobs of each part a snapshot holds at most. */
export interface SnapshotLimits {
  /** Finished jobs of the window, newest first (SSE_SNAPSHOT_FINISHED). */
  readonly finished: number;
  /** Unfinished jobs, newest first: a backlog past this is paged over REST. */
  readonly unfinished: number;
  /** Parents and children added so that the jobs sent come with their families. */
  readonly relatives: number;
}

export const DEFAULT_SNAPSHOT_LIMITS: Omit<SnapshotLimits, 'finished'> = { unfinished: 500, relatives: 200 };

/** Jobs that may be created between the reader's two queries without hiding that finished jobs were left out. */
const RACE_SLACK = 50;

const newestFirst = (a: Job, b: Job) => (a.job_id < b.job_id ? 1 : a.job_id > b.job_id ? -1 : 0);

export function inSnapshotWindow(job: Job, finishedSince: string): boolean {
  return !isFinished(job.status) || (job.finished_at !== null && job.finished_at >= finishedSince);
}

/**
 * Reads what the first event of a stream holds, bounded: every unfinished job up to a limit, the
 * newest finished jobs of the window up to a limit, and the parents and children of those. What it
 * leaves out it names with cursors of GET /api/jobs (API.md, JobSnapshot).
 */
export class JobSnapshotReader {
  constructor(
    private readonly store: JobStore,
    private readonly limits: SnapshotLimits,
  ) {}

  async read(now = Date.now()): Promise<JobSnapshot> {
    const since = new Date(now - SNAPSHOT_WINDOW_MS).toISOString();
    const unfinishedRows = await this.store.list({ statuses: [...UNFINISHED_STATUSES], limit: this.limits.unfinished + 1 });
    const moreUnfinished = unfinishedRows.length > this.limits.unfinished;
    const unfinished = unfinishedRows.slice(0, this.limits.unfinished);
    const finishedRows = await this.finishedSince(since, unfinished.length, moreUnfinished);
    const moreFinished = finishedRows.length > this.limits.finished;
    const finished = finishedRows.slice(0, this.limits.finished);
    const jobs = await this.withRelatives([...unfinished, ...finished], since);
    if (!moreUnfinished && !moreFinished) return { jobs };
    return {
      jobs,
      truncated: true,
      finished_since: since,
      unfinished_cursor: moreUnfinished ? encodeCursor(unfinished[unfinished.length - 1].job_id) : null,
      finished_cursor: moreFinished ? encodeCursor(finished[finished.length - 1].job_id) : null,
    };
  }

  /** What a stream filtered by `job_id` starts with: that job and its children, if unfinished or finished in the window. */
  async readFamily(jobId: string, now = Date.now()): Promise<Job[]> {
    const since = new Date(now - SNAPSHOT_WINDOW_MS).toISOString();
    const job = await this.store.get(jobId);
    if (!job) return [];
    const family = [job, ...(await this.store.children(jobId))];
    return family.filter((j) => inSnapshotWindow(j, since)).sort(newestFirst);
  }

  /** The window's finished jobs, newest first: more than `limits.finished` of them when there are. */
  private async finishedSince(since: string, unfinished: number, backlog: boolean): Promise<Job[]> {
    const wanted = this.limits.finished + 1;
    if (backlog) {
      // The store's snapshot would be all unfinished jobs: take the newest finished ones instead. One
      // that was created long before it finished may be missed, but the snapshot says it is partial anyway.
      const rows = await this.store.list({ statuses: [...FINISHED_STATUSES], limit: wanted });
      return rows.filter((j) => inSnapshotWindow(j, since));
    }
    // Newest first, the unfinished jobs come mixed with the finished ones: room for all of them, and then some.
    const rows = await this.store.snapshot(since, unfinished + wanted + RACE_SLACK);
    return rows.filter((j) => isFinished(j.status));
  }

  /** Adds, as far as `limits.relatives` goes, the parent of each child and the children of each parent (the console shows a child inside its parent). */
  private async withRelatives(jobs: Job[], since: string): Promise<Job[]> {
    const byId = new Map(jobs.map((j) => [j.job_id, j]));
    const missing = new Set<string>();
    for (const job of jobs) if (job.parent_id && !byId.has(job.parent_id)) missing.add(job.parent_id);
    for (const job of jobs) for (const id of job.child_ids) if (!byId.has(id)) missing.add(id);
    const ids = [...missing].slice(0, this.limits.relatives);
    if (ids.length) for (const job of await this.store.getMany(ids)) if (inSnapshotWindow(job, since)) byId.set(job.job_id, job);
    return [...byId.values()].sort(newestFirst);
  }
}
