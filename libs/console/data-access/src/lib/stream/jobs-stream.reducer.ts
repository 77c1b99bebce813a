/**
 * The pure heart of JobsStream: folds the snapshot and job.* events of `GET /api/jobs/stream`
 * into a map of jobs keyed by id, so a replayed or duplicated event can never make a second card.
 */
import type { Job, JobEvent, JobSnapshot } from '@atelier/contracts';

export interface JobsState {
  readonly jobs: Readonly<Record<string, Job>>;
  /** Id of the last applied stream event: events at or below it are replays and are ignored. */
  readonly lastEventId: string | null;
}

/** What a truncated snapshot left out, as cursors of GET /api/jobs (see JobSnapshot). */
export type SnapshotLeftOut = Required<Pick<JobSnapshot, 'finished_since' | 'unfinished_cursor' | 'finished_cursor'>>;

export type JobsStreamMessage =
  | { readonly kind: 'snapshot'; readonly id: string; readonly jobs: readonly Job[]; readonly leftOut?: SnapshotLeftOut }
  | { readonly kind: 'event'; readonly event: JobEvent }
  /** A job the console learned outside the stream (e.g. the 202 answer of an analyze request). */
  | { readonly kind: 'local'; readonly job: Job }
  /** Jobs a REST page brought: what a truncated snapshot left out. */
  | { readonly kind: 'page'; readonly jobs: readonly Job[] };

export const initialJobsState: JobsState = { jobs: {}, lastEventId: null };

/** Event ids only increase; they are decimal cursors, compared numerically when they look like one. */
export function compareEventIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x === y ? 0 : x < y ? -1 : 1;
  }
  return a === b ? 0 : a < b ? -1 : 1;
}

/** True when `incoming` is not older than `current` (updated_at, then progress as tie-breaker). */
function isNewer(incoming: Job, current: Job | undefined): boolean {
  if (!current) return true;
  if (incoming.updated_at !== current.updated_at) return incoming.updated_at > current.updated_at;
  return incoming.progress >= current.progress;
}

function upsert(jobs: Readonly<Record<string, Job>>, job: Job): Readonly<Record<string, Job>> {
  return isNewer(job, jobs[job.job_id]) ? { ...jobs, [job.job_id]: job } : jobs;
}

export function reduceJobs(state: JobsState, message: JobsStreamMessage): JobsState {
  switch (message.kind) {
    case 'snapshot': {
      // A snapshot is the whole truth at its cursor: it replaces what we held.
      const jobs: Record<string, Job> = {};
      for (const job of message.jobs) jobs[job.job_id] = job;
      return { jobs, lastEventId: message.id };
    }
    case 'local':
      return { ...state, jobs: upsert(state.jobs, message.job) };
    case 'page': {
      const newer = message.jobs.filter((job) => isNewer(job, state.jobs[job.job_id]));
      if (!newer.length) return state;
      const jobs = { ...state.jobs };
      for (const job of newer) jobs[job.job_id] = job;
      return { ...state, jobs };
    }
    case 'event': {
      const { event } = message;
      if (state.lastEventId !== null && compareEventIds(event.id, state.lastEventId) <= 0) return state;
      if (!event.event.startsWith('job.')) return { ...state, lastEventId: event.id };
      if (event.event === 'job.deleted') {
        const { [event.data.job_id]: _removed, ...rest } = state.jobs;
        return { jobs: rest, lastEventId: event.id };
      }
      return { jobs: upsert(state.jobs, event.data as Job), lastEventId: event.id };
    }
  }
}

/** Newest first, as every list of the console shows them. */
export function sortNewestFirst(jobs: Iterable<Job>): Job[] {
  return [...jobs].sort((a, b) => (a.created_at === b.created_at ? (a.job_id < b.job_id ? 1 : -1) : a.created_at < b.created_at ? 1 : -1));
}
