import type { Job, JobError, JobStatus, JobType } from '@atelier/contracts';

/** A job as the store keeps it: the wire Job plus the fields only the engine reads. */
export type JobRecord = Job;

export interface NewJobRecord {
  job_id: string;
  type: JobType;
  title: string;
  parent_id: string | null;
  child_ids: string[];
  depends_on: string[];
  priority: number;
  max_attempts: number;
  input: unknown;
  metadata: Record<string, unknown>;
  owner: string | null;
  run_at: string | null;
  created_at: string;
}

/** Fields a transition may set. */
export interface JobPatch {
  status?: JobStatus;
  title?: string;
  progress?: number;
  current_step?: number;
  total_steps?: number;
  step_label?: string | null;
  attempts?: number;
  /** Counts one more attempt (attempts + 1), without reading the job first. */
  addAttempt?: boolean;
  result?: unknown;
  error?: JobError | null;
  metadata?: Record<string, unknown>;
  run_at?: string | null;
  started_at?: string | null;
  finished_at?: string | null;
  max_attempts?: number;
  worker_id?: string | null;
}

/** Extra conditions a transition may require, so a common case is one statement instead of a read and a write. */
export interface TransitionGuard {
  /** Only a job without a parent. */
  topLevel?: boolean;
  /** Only a job that depends on no other job. */
  independent?: boolean;
  /** Only a job whose `run_at` is unset or not after this instant (ISO 8601). */
  dueBy?: string;
  /** Only a job that this worker runs (`worker_id`), so a late sweep cannot take a job another worker took since. */
  ownedBy?: string;
}

export interface ProgressPatch {
  progress: number;
  current_step: number;
  total_steps: number;
  step_label: string | null;
}

/** A parent's children counted in one query: what its title and progress need while some still run. */
export interface ChildSummary {
  total: number;
  /** Completed, failed or cancelled. */
  ended: number;
  /** Not queued, or queued again after an attempt. */
  started: number;
  /** Each child's progress, an ended child counting 1. */
  progressSum: number;
}

export interface JobListQuery {
  statuses?: JobStatus[];
  types?: string[];
  parentId?: string;
  /** Only jobs without a parent. */
  topLevel?: boolean;
  owner?: string;
  limit: number;
  /** Answer jobs whose id sorts below this one (newest first). */
  beforeId?: string;
  /** Oldest first, from the id after `afterId`. */
  ascending?: boolean;
  afterId?: string;
  /** A job id prefix, or text in the title, the preset name or the upload's file name (case-insensitive). */
  search?: string;
  /** created_at bounds (ISO 8601): at or after, and before. */
  createdAfter?: string;
  createdBefore?: string;
}

/** Records and state transitions of jobs. Every transition is conditional on the current status. */
export abstract class JobStore {
  /** Inserts jobs (a parent and its children, or one job) in one transaction; answers them as stored. */
  abstract insert(jobs: NewJobRecord[]): Promise<JobRecord[]>;
  abstract get(id: string): Promise<JobRecord | undefined>;
  abstract getMany(ids: string[]): Promise<JobRecord[]>;
  /** Newest first. */
  abstract list(query: JobListQuery): Promise<JobRecord[]>;
  abstract children(parentId: string): Promise<JobRecord[]>;
  /** The counts of a parent's children, without reading them (a batch has hundreds). */
  abstract childSummary(parentId: string): Promise<ChildSummary>;
  /** Ids of queued jobs that depend on this one. */
  abstract dependents(id: string): Promise<string[]>;
  /** Queued and running jobs of one owner (a parent and each of its children count), counted from an index. */
  /** Queued + running jobs of one owner, batches not counted (they only sum up their children). */
  abstract countUnfinished(owner: string): Promise<number>;
  /**
   * Applies `patch` only if the job's status is one of `from` (and it passes `guard`). Answers the
   * updated record, or undefined when the job does not exist or did not qualify (nothing changed).
   */
  abstract transition(id: string, from: readonly JobStatus[], patch: JobPatch, guard?: TransitionGuard): Promise<JobRecord | undefined>;
  /** Progress of a running job; progress only rises. */
  abstract updateProgress(id: string, patch: ProgressPatch): Promise<JobRecord | undefined>;
  /** Merges keys into a running job's metadata in one statement (no read-then-write: concurrent merges keep every key). */
  abstract mergeMetadata(id: string, metadata: Record<string, unknown>): Promise<JobRecord | undefined>;
  /** Deletes a job (children cascade); answers the deleted ids. */
  abstract delete(id: string): Promise<string[]>;
  /** Oldest first, for recovery: jobs in one of `statuses`, after the id cursor. */
  abstract scan(statuses: readonly JobStatus[], afterId: string | undefined, limit: number): Promise<JobRecord[]>;
  /** Unfinished jobs and those finished since `finishedSince`, newest first, at most `limit`. */
  abstract snapshot(finishedSince: string, limit: number): Promise<JobRecord[]>;
  /** Deletes top-level jobs finished before `before` (children cascade); answers their ids. */
  abstract deleteFinishedBefore(before: string, limit: number): Promise<string[]>;
  /**
   * Runs `fn` in one transaction, holding a write lock on `lockId`'s row where the database has row
   * locks. Repositories of other libs that write while `fn` runs join the same transaction (see
   * `currentExecutor` in @atelier/persistence), so a job's end and its records commit together.
   */
  abstract transaction<T>(fn: (store: JobStore) => Promise<T>, lockId?: string): Promise<T>;
  /** Answers when the store can serve queries; throws otherwise. */
  abstract ping(): Promise<void>;
}
