/** Turns the panel's jobs into rows: filtered, grouped by status, with known heights. */
import type { Job, JobStatus } from '@atelier/contracts';
import { isBatch, sameTally, tallyChildren, type BatchTally } from './batch-tally';

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
export const ROW_HEIGHTS = { header: 40, card: 148 } as const;

/** Rows of a batch's child list that show at once (the rest scroll, virtualised). */
export const BATCH_CHILD_ROWS = { visible: 5, height: 36 } as const;

/** Room the expanded details of a card need (they scroll inside past the maximum). */
export function detailsHeight(job: Job, childCount: number): number {
  if (isBatch(job)) {
    const list = 28 + Math.min(BATCH_CHILD_ROWS.visible, Math.max(1, job.child_ids.length)) * BATCH_CHILD_ROWS.height;
    return Math.min(320, 64 + (job.error ? 132 : 0) + list);
  }
  const hasPresets = !!job.result && ('preset_id' in job.result || 'preset_ids' in job.result);
  const failure = job.error ? 132 : job.attempts > 1 || job.metadata['last_error'] ? 64 : 0;
  const height = 64 + failure + (hasPresets ? 44 : 0) + (childCount ? 8 + childCount * 24 : 0);
  return Math.min(320, height);
}

export type TaskRow =
  | { readonly kind: 'header'; readonly key: string; readonly status: JobStatus; readonly count: number; readonly size: number }
  | {
      readonly kind: 'card';
      readonly key: string;
      readonly job: Job;
      /** Children of a comprehensive analysis; a batch's are counted in `tally` instead. */
      readonly children: readonly Job[];
      readonly tally: BatchTally | null;
      readonly expanded: boolean;
      readonly size: number;
    };

export function countByFilter(jobs: readonly Job[]): Record<TaskFilter, number> {
  const counts: Record<TaskFilter, number> = { all: jobs.length, running: 0, completed: 0, failed: 0 };
  for (const job of jobs) {
    if (job.status === 'running' || job.status === 'queued') counts.running += 1;
    else if (job.status === 'completed') counts.completed += 1;
    else if (job.status === 'failed') counts.failed += 1;
  }
  return counts;
}

type CardRow = Extract<TaskRow, { kind: 'card' }>;

function sameChildren(a: readonly Job[], b: readonly Job[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}

/**
 * The rows of the list. `previous` rows are reused when nothing of theirs changed, so that
 * with a thousand jobs one event re-renders one card, not all of them.
 */
export function buildTaskRows(
  jobs: readonly Job[],
  filter: TaskFilter,
  expanded: ReadonlySet<string>,
  byId: Readonly<Record<string, Job>> = {},
  previous: readonly TaskRow[] = [],
): TaskRow[] {
  const reusable = new Map<string, CardRow>();
  for (const row of previous) if (row.kind === 'card') reusable.set(row.key, row);
  const groups = new Map<JobStatus, Job[]>(FILTER_STATUSES[filter].map((s) => [s, []]));
  for (const job of jobs) groups.get(job.status)?.push(job);
  const rows: TaskRow[] = [];
  for (const [status, group] of groups) {
    if (group.length === 0) continue;
    rows.push({ kind: 'header', key: `h:${status}`, status, count: group.length, size: ROW_HEIGHTS.header });
    for (const job of group) {
      const open = expanded.has(job.job_id);
      const batch = isBatch(job);
      const tally = batch ? tallyChildren(job, byId) : null;
      const children = !batch && job.child_ids.length ? job.child_ids.map((id) => byId[id]).filter((c): c is Job => !!c) : [];
      const old = reusable.get(job.job_id);
      if (old && old.job === job && old.expanded === open && sameChildren(old.children, children) && sameTally(old.tally, tally)) {
        rows.push(old);
        continue;
      }
      rows.push({ kind: 'card', key: job.job_id, job, children, tally, expanded: open, size: ROW_HEIGHTS.card + (open ? detailsHeight(job, children.length) : 0) });
    }
  }
  return rows;
}

/** The card row at `index` or the first after it, else the last before it; -1 when there is no card. */
export function cardIndexNear(rows: readonly TaskRow[], index: number): number {
  const start = Math.max(0, Math.min(index, rows.length - 1));
  for (let i = start; i < rows.length; i++) if (rows[i].kind === 'card') return i;
  for (let i = start - 1; i >= 0; i--) if (rows[i].kind === 'card') return i;
  return -1;
}
