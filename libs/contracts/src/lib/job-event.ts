import type { Job } from './job';
import type { PanelDismissedData, QueueEventData } from './operations';

export const JOB_EVENT_NAMES = [
  'job.created',
  'job.updated',
  'job.completed',
  'job.failed',
  'job.cancelled',
  'job.deleted',
] as const;
export type JobEventName = (typeof JOB_EVENT_NAMES)[number];

export interface JobDeletedData {
  job_id: string;
}

/** One event of the stream; `id` is the cursor a client sends back as `Last-Event-ID`. */
export type JobEvent =
  | { id: string; event: Exclude<JobEventName, 'job.deleted'>; data: Job }
  | { id: string; event: 'job.deleted'; data: JobDeletedData }
  | { id: string; event: QueueEventName; data: QueueEventData }
  | { id: string; event: 'panel.dismissed'; data: PanelDismissedData };

/** Events about a queue (the operator's pause and resume), sent to every stream. */
export const QUEUE_EVENT_NAMES = ['queue.paused', 'queue.resumed'] as const;
export type QueueEventName = (typeof QUEUE_EVENT_NAMES)[number];

/** The events that carry a Job as data. */
export type JobDataEvent = Extract<JobEvent, { data: Job }>;

export function isJobDataEvent(event: JobEvent): event is JobDataEvent {
  return event.event.startsWith('job.') && event.event !== 'job.deleted';
}

/**
 * The first event of a stream: the unfinished jobs plus those finished in the last 10 minutes. A
 * snapshot is kept small; when it leaves some of those jobs out, it says so (the fields below are
 * additions to the contract, present only then) and GET /api/jobs pages the rest.
 */
export interface JobSnapshot {
  jobs: Job[];
  /** True when jobs were left out. */
  truncated?: true;
  /** Start of the window of finished jobs the snapshot stands for (ISO-8601). */
  finished_since?: string;
  /** `GET /api/jobs?status=queued,running&cursor=…` lists the unfinished jobs left out; null when none were. */
  unfinished_cursor?: string | null;
  /**
   * `GET /api/jobs?status=completed,failed,cancelled&cursor=…` lists, newest first, the finished jobs
   * after those sent; the ones with `finished_at` ≥ `finished_since` were left out. Null when none were.
   */
  finished_cursor?: string | null;
}

/** Final events: the last one a job ever produces (a stream never drops these). */
export function isFinalEvent(name: JobEventName): boolean {
  return name === 'job.completed' || name === 'job.failed' || name === 'job.cancelled' || name === 'job.deleted';
}

/** The job an event is about (a job event or a deletion), or undefined for queue and panel events. */
export function jobIdOf(event: Pick<JobEvent, 'event' | 'data'>): string | undefined {
  return event.event.startsWith('job.') ? (event.data as JobDeletedData).job_id : undefined;
}
