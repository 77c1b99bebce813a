import type { Job, JobStatus } from './job';
import type { JobType } from './job-types';

/** `GET /api/stats/summary`: counts of every job by status, and by type and status. */
export interface StatsSummary {
  by_status: Record<JobStatus, number>;
  by_type: Partial<Record<JobType, Partial<Record<JobStatus, number>>>>;
  /** Creation time of the oldest queued job, or null when none waits. */
  oldest_queued_at: string | null;
}

export const STATS_BUCKETS = ['1m', '5m', '1h', '1d'] as const;
export type StatsBucket = (typeof STATS_BUCKETS)[number];

export interface Percentiles {
  p50: number | null;
  p95: number | null;
}

/** One bucket of `GET /api/stats/timeseries`, from the durable job records. */
export interface TimeseriesPoint {
  /** Start of the bucket. */
  at: string;
  created: number;
  completed: number;
  failed: number;
  cancelled: number;
  /** Created → started of the jobs that started in this bucket. */
  wait_ms: Percentiles;
  /** Started → finished of the jobs that finished in this bucket. */
  run_ms: Percentiles;
}

export interface Timeseries {
  bucket: StatsBucket;
  from: string;
  to: string;
  type: JobType | null;
  points: TimeseriesPoint[];
}

/** One job type's queue (`GET /api/queues`). */
export interface QueueInfo {
  type: JobType;
  paused: boolean;
  queued: number;
  running: number;
  /** Jobs of this type one worker process runs at once. */
  concurrency: number;
  /** When and by whom the queue was last paused or resumed (additions to the contract). */
  changed_at: string | null;
  changed_by: string | null;
}

export interface QueueList {
  queues: QueueInfo[];
}

/** A live process that runs jobs (`GET /api/workers`). */
export interface WorkerInfo {
  worker_id: string;
  host: string;
  pid: number;
  role: string;
  /** Jobs it runs now. */
  running: number;
  concurrency: number;
  started_at: string;
  last_seen_at: string;
  version: string;
  /** What it runs now (addition to the contract): id, type and title of each job. */
  running_jobs: { job_id: string; type: JobType; title: string; started_at: string | null }[];
}

export interface WorkerList {
  workers: WorkerInfo[];
}

export const JOB_TIMELINE_KINDS = [
  'created',
  'started',
  'step',
  'attempt_failed',
  'interrupted',
  'requeued',
  'retried',
  'cancelled',
  'completed',
  'failed',
] as const;
export type JobTimelineKind = (typeof JOB_TIMELINE_KINDS)[number];

/** One entry of a job's durable timeline (`GET /api/jobs/{job_id}/events`). */
export interface JobTimelineEntry {
  at: string;
  kind: JobTimelineKind;
  /** The attempt it belongs to (0 before the first start). */
  attempt: number;
  /** Kind-specific facts: `worker_id`, `step`/`label`, `error`, `retry_at`, `duration_ms`… */
  detail: Record<string, unknown>;
  /** The user who caused it (created, cancelled, retried), or null for the engine itself. */
  actor: string | null;
}

export interface JobTimeline {
  events: JobTimelineEntry[];
}

export const BULK_ACTIONS = ['cancel', 'retry', 'delete'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** `POST /api/jobs/bulk`: 202 with what it did. */
export interface BulkResult {
  matched: number;
  changed: number;
  skipped: number;
}

/**
 * `GET /api/task-panel`: what the console's task manager shows, the same in every tab of a user:
 * every unfinished job, every failed job the user has not dismissed, and jobs that completed or
 * were cancelled in the last `recent_seconds` and were not dismissed. Top-level jobs only.
 */
export interface TaskPanel {
  jobs: Job[];
  recent_seconds: number;
  /** Job types whose queue is paused now. */
  paused_types: JobType[];
}

/** `queue.paused` / `queue.resumed` stream event data. */
export interface QueueEventData {
  type: JobType;
  paused: boolean;
  changed_at: string;
  changed_by: string | null;
}

/** `panel.dismissed` stream event data: sent only to the streams of that user. */
export interface PanelDismissedData {
  user_id: string;
  job_ids: string[];
}
