/**
 * Following a set of jobs (the ones a command just created) over one event stream until each of them and its
 * children ended. Events of other jobs on the stream are skipped.
 */
import { FINAL_STATUSES, followStream, type Job, type JobStreamEvent } from '@atelier/client';
import type { Api } from '../api/api';

export type JobEvent = Extract<JobStreamEvent, { data: Job }>;

/** What the follower saw: the stream's snapshot of the followed jobs, then every change to one of them. */
export type WatchUpdate = { kind: 'snapshot'; jobs: Job[] } | { kind: 'event'; event: JobEvent } | { kind: 'deleted'; jobId: string };

/** The state of the followed jobs, fed by stream events. */
export class JobSet {
  private readonly jobs = new Map<string, Job>();
  private readonly deleted = new Set<string>();

  constructor(readonly rootIds: readonly string[]) {}

  /** Whether an event of this job concerns the set: a root, or a child of one. */
  concerns(job: Pick<Job, 'job_id' | 'parent_id'>): boolean {
    return this.rootIds.includes(job.job_id) || (!!job.parent_id && this.rootIds.includes(job.parent_id));
  }

  update(job: Job): void {
    this.jobs.set(job.job_id, job);
  }

  markDeleted(jobId: string): void {
    this.deleted.add(jobId);
  }

  get(jobId: string): Job | undefined {
    return this.jobs.get(jobId);
  }

  roots(): Job[] {
    return this.rootIds.flatMap((id) => this.jobs.get(id) ?? []);
  }

  /** Ids the set needs but has not seen yet: roots, and children of known roots. */
  missing(): string[] {
    const wanted = [...this.rootIds, ...this.roots().flatMap((root) => root.child_ids)];
    return wanted.filter((id) => !this.jobs.has(id) && !this.deleted.has(id));
  }

  /** Every root and every child ended (or was deleted). */
  get done(): boolean {
    return this.rootIds.every((id) => this.deleted.has(id) || this.ended(id, true));
  }

  private ended(id: string, withChildren: boolean): boolean {
    if (this.deleted.has(id)) return true;
    const job = this.jobs.get(id);
    if (!job || !FINAL_STATUSES.has(job.status)) return false;
    return !withChildren || job.child_ids.every((child) => this.ended(child, false));
  }
}

/**
 * Follows the roots of `set` and their children until all ended, yielding what changed. One root is followed with the
 * stream's job filter; several share one unfiltered stream. Jobs the snapshot leaves out are read once.
 */
export async function* watchJobs(api: Api, set: JobSet, signal: AbortSignal): AsyncGenerator<WatchUpdate> {
  const { rootIds } = set;
  const stream = followStream(api.client, { jobId: rootIds.length === 1 ? rootIds[0] : undefined, signal });
  for await (const message of stream) {
    if (message.event === 'snapshot') {
      for (const job of message.data.jobs) if (set.concerns(job)) set.update(job);
      // A root's children are known only once the root is: two rounds at most.
      for (let round = 0; round < 2; round++) {
        for (const id of set.missing()) set.update(await api.call(`GET /api/jobs/${id}`, api.client.GET('/api/jobs/{job_id}', { params: { path: { job_id: id } }, signal })));
      }
      yield { kind: 'snapshot', jobs: [...rootIds.flatMap((id) => set.get(id) ?? [])] };
    } else if (message.event === 'job.deleted') {
      if (!set.get(message.data.job_id)) continue;
      set.markDeleted(message.data.job_id);
      yield { kind: 'deleted', jobId: message.data.job_id };
    } else if (isJobEvent(message) && set.concerns(message.data)) {
      set.update(message.data);
      yield { kind: 'event', event: message };
    }
    if (set.done) return;
  }
}

function isJobEvent(message: JobStreamEvent): message is JobEvent {
  return message.event.startsWith('job.') && message.event !== 'job.deleted';
}
