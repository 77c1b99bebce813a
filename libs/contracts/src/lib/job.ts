/** Wire types of a job, exactly as ../shared/API.md describes them (snake_case). */
import type { JobType, JobPayload, JobResult } from './job-types';

export const JOB_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const FINISHED_STATUSES: readonly JobStatus[] = ['completed', 'failed', 'cancelled'];
export const UNFINISHED_STATUSES: readonly JobStatus[] = ['queued', 'running'];

export function isFinished(status: JobStatus): boolean {
  return FINISHED_STATUSES.includes(status);
}

export interface JobError {
  message: string;
  code: string;
  retryable: boolean;
}

export interface Job<T extends JobType = JobType> {
  job_id: string;
  type: T;
  status: JobStatus;
  title: string;
  progress: number;
  current_step: number;
  total_steps: number;
  step_label: string | null;
  parent_id: string | null;
  child_ids: string[];
  priority: number;
  attempts: number;
  max_attempts: number;
  depends_on: string[];
  input: JobPayload<T>;
  result: JobResult<T> | null;
  error: JobError | null;
  metadata: Record<string, unknown>;
  owner: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
  /** Addition to the contract: when a delayed or backed-off job may start (ISO-8601), else null. */
  run_at: string | null;
  /** Addition to the contract: the process that runs the job now, or last ran it; null before its first start. */
  worker_id: string | null;
}

export interface JobList {
  jobs: Job[];
  next_cursor: string | null;
}
