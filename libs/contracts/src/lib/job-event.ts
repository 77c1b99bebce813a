import type { Job } from './job';

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
  | { id: string; event: 'job.deleted'; data: JobDeletedData };

export interface JobSnapshot {
  jobs: Job[];
}

/** Final events: the last one a job ever produces (a stream never drops these). */
export function isFinalEvent(name: JobEventName): boolean {
  return name === 'job.completed' || name === 'job.failed' || name === 'job.cancelled' || name === 'job.deleted';
}
