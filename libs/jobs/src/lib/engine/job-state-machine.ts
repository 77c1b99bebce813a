import type { Job, JobEventName, JobStatus } from '@atelier/contracts';
import type { JobPatch, JobRecord, JobStore, TransitionGuard } from '../ports/job-store.port';

/**
 * One declaration of a transition: the statuses it may start from, the status it writes, what
 * else it always writes, and the event that announces it. The SQL guard (`status IN (from)` plus
 * the TransitionGuard's conditions) is derived from it by the store's one SQL generator.
 */
export interface TransitionSpec {
  readonly from: readonly JobStatus[];
  /** The status written; undefined: decided by the caller's patch (parent aggregation). */
  readonly to?: JobStatus;
  /** What the transition always writes, besides the caller's values. */
  readonly writes?: (now: string) => JobPatch;
  /** The event published for the job after the change is committed. */
  readonly event: JobEventName;
}

const finished = (label: string) => (now: string): JobPatch => ({ step_label: label, finished_at: now });

/**
 * The job state machine: every status change a job can make, and nothing else. Services call
 * transitions by name (JobTransitions.apply); nothing writes `status` any other way.
 */
export const JOB_TRANSITIONS = {
  /** A worker takes a due job; counts one attempt. */
  start: {
    from: ['queued'],
    to: 'running',
    writes: (now) => ({ started_at: now, finished_at: null, run_at: null, error: null, step_label: 'Starting', addAttempt: true }),
    event: 'job.updated',
  },
  /** The handler returned. */
  complete: { from: ['running'], to: 'completed', writes: (now) => ({ ...finished('Completed')(now), progress: 1, error: null }), event: 'job.completed' },
  /** The handler failed for good (not retryable, or out of attempts). */
  fail: { from: ['running'], to: 'failed', writes: finished('Failed'), event: 'job.failed' },
  /** A job one of whose dependencies failed, was cancelled or deleted. */
  failDependency: { from: ['queued'], to: 'failed', writes: finished('Failed'), event: 'job.failed' },
  /** A retryable failure with attempts left: queued again with a `run_at` after the backoff. */
  backoff: { from: ['running'], to: 'queued', event: 'job.updated' },
  /** An attempt interrupted by shutdown, a crash or a dead worker: queued again. */
  requeue: { from: ['running'], to: 'queued', writes: () => ({ step_label: 'Interrupted; waiting to run again' }), event: 'job.updated' },
  /** Cancelled by a person or an integration. */
  cancel: { from: ['queued', 'running'], to: 'cancelled', writes: finished('Cancelled'), event: 'job.cancelled' },
  /** A manual retry of an ended job: same id, attempts kept, a full budget of attempts added. */
  retry: {
    from: ['failed', 'cancelled'],
    to: 'queued',
    writes: () => ({ error: null, result: null, finished_at: null, run_at: null, progress: 0, current_step: 0, step_label: 'Queued for retry' }),
    event: 'job.updated',
  },
  /** A parent re-computed from its children (its status follows theirs; a cancelled parent stays so). */
  aggregate: { from: ['queued', 'running', 'failed'], event: 'job.updated' },
} as const satisfies Record<string, TransitionSpec>;

export type TransitionName = keyof typeof JOB_TRANSITIONS;

const EVENT_OF_STATUS: Record<JobStatus, JobEventName> = {
  queued: 'job.updated',
  running: 'job.updated',
  completed: 'job.completed',
  failed: 'job.failed',
  cancelled: 'job.cancelled',
};

/** The event that announces a job in its current status (for transitions whose status the caller decides). */
export function eventOf(job: Pick<Job, 'status'>): JobEventName {
  return EVENT_OF_STATUS[job.status];
}

/** Applies a named transition as one conditional update of the store. */
export function applyTransition(
  store: JobStore,
  name: TransitionName,
  id: string,
  values: JobPatch = {},
  guard?: TransitionGuard,
): Promise<JobRecord | undefined> {
  const spec: TransitionSpec = JOB_TRANSITIONS[name];
  const patch: JobPatch = { ...spec.writes?.(new Date().toISOString()), ...values };
  if (spec.to) patch.status = spec.to;
  return store.transition(id, spec.from, patch, guard);
}
