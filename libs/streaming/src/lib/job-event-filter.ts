import { isJobDataEvent, type Job, type JobEvent, type JobStatus } from '@atelier/contracts';

export interface StreamFilter {
  jobId?: string;
  statuses?: JobStatus[];
  /** A member's stream: only jobs it owns (AccessScope.owner). */
  owner?: string;
  /** The signed-in user the stream is for: only they receive their `panel.dismissed` events. */
  user?: string;
}

/**
 * Decides which events one subscriber receives. With `owner`, only that member's jobs; with
 * `jobId`, that job and its children; a deletion passes when it names a job this subscriber was shown.
 */
export class JobEventFilter {
  private readonly shown = new Set<string>();

  /** True without filters: such a stream is sent every event, so the broadcaster skips the per-event checks. */
  readonly passesEverything: boolean;

  /** True with `job_id`: such a stream follows that job (a batch) and is sent every event of it and its children. */
  readonly followsOneJob: boolean;

  constructor(private readonly filter: StreamFilter) {
    this.passesEverything = !filter.jobId && !filter.statuses && filter.owner === undefined;
    this.followsOneJob = !!filter.jobId;
  }

  matchesJob(job: Job): boolean {
    const { jobId, statuses, owner } = this.filter;
    if (owner !== undefined && job.owner !== owner) return false;
    if (jobId && job.job_id !== jobId && job.parent_id !== jobId) return false;
    if (statuses?.length && !statuses.includes(job.status)) return false;
    if (!this.passesEverything) this.shown.add(job.job_id);
    return true;
  }

  matches(event: JobEvent): boolean {
    // A user's dismissals go to that user's streams; a queue's pause and resume to every stream not about one job.
    if (event.event === 'panel.dismissed') return this.filter.user !== undefined && event.data.user_id === this.filter.user;
    if (event.event === 'queue.paused' || event.event === 'queue.resumed') return !this.filter.jobId;
    if (event.event === 'job.deleted') {
      if (this.passesEverything) return true;
      return this.shown.delete(event.data.job_id);
    }
    return isJobDataEvent(event) && this.matchesJob(event.data);
  }
}
