import { isFinished, isJobDataEvent, type Job, type JobEvent, type JobStatus } from '@atelier/contracts';

/**
 * Within one flush window, a job's `job.updated` whose next event of the same job is another
 * `job.updated` in the same status says nothing that one does not (every job event carries the whole
 * job): only the latest state of each run of steps goes out. Every status change stays, so a job
 * that ends, is queued again and ends again within one window still shows its second run; created,
 * final and deleted events always go (API.md: the final event of a job is never dropped).
 */
export function latestStatePerJob(events: readonly JobEvent[]): JobEvent[] {
  const superseded = new Set<number>();
  /** Per job: the index of its last event so far, when that event was a `job.updated`. */
  const pendingUpdate = new Map<string, number>();
  events.forEach((e, i) => {
    if (!isJobDataEvent(e)) return;
    const jobId = e.data.job_id;
    const previous = pendingUpdate.get(jobId);
    if (e.event !== 'job.updated') {
      pendingUpdate.delete(jobId);
      return;
    }
    if (previous !== undefined && (events[previous].data as Job).status === e.data.status) superseded.add(previous);
    pendingUpdate.set(jobId, i);
  });
  return events.filter((_, i) => !superseded.has(i));
}

/**
 * What a stream that does not follow a batch (no `job_id` filter: the console's task manager, a
 * member's stream) is sent of the jobs inside one: the batch's own events, which count its
 * children in its title and progress, and of each job inside it only what changes its status
 * (started, queued again, its final event). Its `job.created` (the batch's `child_ids` name it)
 * and its progress steps stay in the full stream, which a stream following the batch is sent.
 * Learned from the events as they pass: a batch, and a parent inside one (a comprehensive
 * analysis), hold jobs in it until their final event.
 */
export class BatchSummary {
  /** Unfinished batches and parents inside them. */
  private readonly containers = new Set<string>();
  /** Jobs inside a batch, and the status streams not following it were last sent. */
  private readonly sentStatus = new Map<string, JobStatus | undefined>();

  /** Which of a flush's events (in order) go to the streams that do not follow a batch. */
  summarise(events: readonly JobEvent[]): JobEvent[] {
    return events.filter((e) => this.keeps(e));
  }

  private keeps(e: JobEvent): boolean {
    if (e.event === 'job.deleted') {
      this.forget(e.data.job_id);
      return true;
    }
    if (!isJobDataEvent(e)) return true;
    const job = e.data as Job;
    const inside = job.parent_id !== null && this.containers.has(job.parent_id);
    this.track(job, inside);
    if (!inside) return true;
    if (isFinished(job.status)) {
      this.sentStatus.delete(job.job_id);
      return true;
    }
    if (e.event === 'job.created' || this.sentStatus.get(job.job_id) === job.status) return false;
    this.sentStatus.set(job.job_id, job.status);
    return true;
  }

  private track(job: Job, inside: boolean): void {
    const contains = job.type === 'batch' || (inside && job.child_ids.length > 0);
    if (!contains) return;
    if (isFinished(job.status)) this.containers.delete(job.job_id);
    else this.containers.add(job.job_id);
  }

  private forget(jobId: string): void {
    this.containers.delete(jobId);
    this.sentStatus.delete(jobId);
  }
}
