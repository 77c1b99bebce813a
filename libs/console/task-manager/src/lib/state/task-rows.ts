/** Turns the live jobs into the panel's rows: filtered, grouped by status, with known heights. */
import type { Job, JobStatus, JobType } from '@atelier/contracts';

export type TaskFilter = 'all' | 'running' | 'completed' | 'failed';

export const TASK_FILTERS: readonly { value: TaskFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'running', label: 'Running' },
  { value: 'completed', label: 'Completed' },
  { value: 'failed', label: 'Failed' },
];

const FILTER_STATUSES: Readonly<Record<TaskFilter, readonly JobStatus[]>> = {
  all: ['running', 'queued', 'failed', 'cancelled', 'completed'],
  running: ['running', 'queued'],
  completed: ['completed'],
  failed: ['failed'],
};

export const GROUP_LABELS: Readonly<Record<JobStatus, string>> = {
  running: 'Running',
  queued: 'Queued',
  failed: 'Failed',
  cancelled: 'Cancelled',
  completed: 'Completed',
};

/** Row heights in px; the virtual scroll strategy and the CSS both use them. */
export const ROW_HEIGHTS = { header: 40, card: 128 } as const;

/** Room the expanded details of a card need (they scroll inside past the maximum). */
export function detailsHeight(job: Job, childCount: number): number {
  const hasPresets = !!job.result && ('preset_id' in job.result || 'preset_ids' in job.result);
  const height = 60 + (job.error ? 72 : 0) + (hasPresets ? 44 : 0) + (childCount ? 8 + childCount * 24 : 0);
  return Math.min(320, height);
}

export type TaskRow =
  | { readonly kind: 'header'; readonly key: string; readonly status: JobStatus; readonly count: number; readonly size: number }
  | {
      readonly kind: 'card';
      readonly key: string;
      readonly job: Job;
      readonly children: readonly Job[];
      readonly expanded: boolean;
      readonly size: number;
    };

/** Housekeeping jobs the server starts on its own (a thumbnail per upload): on the Jobs page only. */
export const BACKGROUND_JOB_TYPES: readonly JobType[] = ['generate_thumbnail'];

export function isBackgroundJob(job: Job): boolean {
  return BACKGROUND_JOB_TYPES.includes(job.type);
}

/** The tasks the panel shows: not dismissed, not background work, not a child whose parent is shown. */
export function panelJobs(jobs: readonly Job[], byId: Readonly<Record<string, Job>>, dismissed: ReadonlySet<string>): Job[] {
  return jobs.filter(
    (j) => !dismissed.has(j.job_id) && !isBackgroundJob(j) && !(j.parent_id && byId[j.parent_id] && !dismissed.has(j.parent_id)),
  );
}

export function countByFilter(jobs: readonly Job[]): Record<TaskFilter, number> {
  const counts: Record<TaskFilter, number> = { all: jobs.length, running: 0, completed: 0, failed: 0 };
  for (const job of jobs) {
    for (const filter of ['running', 'completed', 'failed'] as const) {
      if (FILTER_STATUSES[filter].includes(job.status)) counts[filter] += 1;
    }
  }
  return counts;
}

export function buildTaskRows(
  jobs: readonly Job[],
  filter: TaskFilter,
  expanded: ReadonlySet<string>,
  byId: Readonly<Record<string, Job>> = {},
): TaskRow[] {
  const rows: TaskRow[] = [];
  for (const status of FILTER_STATUSES[filter]) {
    const group = jobs.filter((j) => j.status === status);
    if (group.length === 0) continue;
    rows.push({ kind: 'header', key: `h:${status}`, status, count: group.length, size: ROW_HEIGHTS.header });
    for (const job of group) {
      const open = expanded.has(job.job_id);
      const children = job.child_ids.map((id) => byId[id]).filter((c): c is Job => !!c);
      rows.push({ kind: 'card', key: job.job_id, job, children, expanded: open, size: ROW_HEIGHTS.card + (open ? detailsHeight(job, children.length) : 0) });
    }
  }
  return rows;
}
