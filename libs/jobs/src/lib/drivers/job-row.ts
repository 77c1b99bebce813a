import type { Selectable } from 'kysely';
import type { Job, JobStatus, JobType } from '@atelier/contracts';
import type { JobsTable } from '@atelier/persistence';
import type { JobPatch, JobRecord, NewJobRecord } from '../ports/job-store.port';

export type JobRow = Selectable<JobsTable>;

function parse<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback;
  // Most jobs have no children, dependencies or metadata: skip the parser for those.
  if (text === '[]') return [] as T;
  if (text === '{}') return {} as T;
  return JSON.parse(text) as T;
}

export function rowToRecord(row: JobRow): JobRecord {
  return {
    job_id: row.id,
    type: row.type as JobType,
    status: row.status as JobStatus,
    title: row.title,
    progress: Number(row.progress),
    current_step: Number(row.current_step),
    total_steps: Number(row.total_steps),
    step_label: row.step_label,
    parent_id: row.parent_id,
    child_ids: parse<string[]>(row.child_ids, []),
    priority: Number(row.priority),
    attempts: Number(row.attempts),
    max_attempts: Number(row.max_attempts),
    depends_on: parse<string[]>(row.depends_on, []),
    input: parse(row.input, {}) as Job['input'],
    result: parse(row.result, null),
    error: parse(row.error, null),
    metadata: parse<Record<string, unknown>>(row.metadata, {}),
    owner: row.owner,
    created_at: row.created_at,
    started_at: row.started_at,
    finished_at: row.finished_at,
    updated_at: row.updated_at,
    run_at: row.run_at,
    worker_id: row.worker_id ?? null,
  };
}

export function newRecordToRow(job: NewJobRecord): JobRow {
  return {
    id: job.job_id,
    type: job.type,
    status: 'queued',
    title: job.title,
    progress: 0,
    current_step: 0,
    total_steps: 0,
    step_label: null,
    parent_id: job.parent_id,
    child_ids: JSON.stringify(job.child_ids),
    depends_on: JSON.stringify(job.depends_on),
    priority: job.priority,
    attempts: 0,
    max_attempts: job.max_attempts,
    input: JSON.stringify(job.input ?? {}),
    result: null,
    error: null,
    metadata: JSON.stringify(job.metadata ?? {}),
    owner: job.owner,
    run_at: job.run_at,
    created_at: job.created_at,
    started_at: null,
    finished_at: null,
    updated_at: job.created_at,
    worker_id: null,
  };
}

export function patchToRow(patch: JobPatch, now: string): Partial<JobRow> {
  const row: Partial<JobRow> = { updated_at: now };
  if (patch.status !== undefined) row.status = patch.status;
  if (patch.title !== undefined) row.title = patch.title;
  if (patch.progress !== undefined) row.progress = patch.progress;
  if (patch.current_step !== undefined) row.current_step = patch.current_step;
  if (patch.total_steps !== undefined) row.total_steps = patch.total_steps;
  if (patch.step_label !== undefined) row.step_label = patch.step_label;
  if (patch.attempts !== undefined) row.attempts = patch.attempts;
  if (patch.result !== undefined) row.result = patch.result === null ? null : JSON.stringify(patch.result);
  if (patch.error !== undefined) row.error = patch.error === null ? null : JSON.stringify(patch.error);
  if (patch.metadata !== undefined) row.metadata = JSON.stringify(patch.metadata);
  if (patch.run_at !== undefined) row.run_at = patch.run_at;
  if (patch.started_at !== undefined) row.started_at = patch.started_at;
  if (patch.finished_at !== undefined) row.finished_at = patch.finished_at;
  if (patch.worker_id !== undefined) row.worker_id = patch.worker_id;
  if (patch.max_attempts !== undefined) row.max_attempts = patch.max_attempts;
  return row;
}
