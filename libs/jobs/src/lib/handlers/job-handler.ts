import type { Job, JobPayload, JobResult, JobType } from '@atelier/contracts';

export interface JobProgressUpdate {
  step: number;
  total: number;
  label: string;
}

/** What a handler receives: its job, an abort signal (cancel, timeout, shutdown) and a progress reporter. */
export interface JobContext<T extends JobType = JobType> {
  job: Job<T> & { input: JobPayload<T> };
  signal: AbortSignal;
  /** Records a step; progress is `step / total` unless `fraction` says otherwise. Never throws. */
  progress(step: number, total: number, label: string, fraction?: number): Promise<void>;
  /** Merges keys into the job's metadata (e.g. token usage). Never throws. */
  annotate(metadata: Record<string, unknown>): Promise<void>;
}

/**
 * A handler's answer. `persist` writes records that must commit in the same transaction as the
 * job's completion (an analysis and its preset): it runs inside that transaction, and the
 * repositories it calls join it; it never receives the transaction itself. If the job was
 * cancelled meanwhile, `persist` is never called.
 */
export interface JobOutcome<T extends JobType = JobType> {
  result: JobResult<T>;
  persist?(): Promise<void>;
}

/**
 * What a job of one type does. A worker type implements `run`; a parent type (whose work is
 * its children) implements `aggregate`, which computes its result once every child ended.
 */
export interface JobHandler<T extends JobType = JobType> {
  readonly type: T;
  run?(ctx: JobContext<T>): Promise<JobOutcome<T>>;
  aggregate?(children: Job[]): JobResult<T>;
  /**
   * For a parent with many children (a batch): false re-aggregates it only when a child starts or
   * ends, not on each of a child's progress steps, which would read every sibling each time. Default true.
   */
  readonly aggregatesChildProgress?: boolean;
}
