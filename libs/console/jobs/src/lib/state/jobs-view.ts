/** The Jobs page's filters as they stand in the URL (so a view can be shared), and what they ask the server. */
import { JOB_STATUSES, JOB_TYPES, type Job, type JobStatus, type JobType } from '@atelier/contracts';
import type { JobFilter, JobSort } from '@atelier/console/data-access';

/** Jobs the system makes for itself; hidden unless asked for. */
export const INTERNAL_JOB_TYPES: readonly JobType[] = ['generate_thumbnail', 'deliver_webhook'];

export const JOB_TYPE_LABELS: Readonly<Record<JobType, string>> = {
  analyze: 'Analysis',
  comprehensive_analyze: 'Comprehensive analysis',
  generate_image: 'Image generation',
  generate_thumbnail: 'Thumbnail (internal)',
  batch: 'Batch',
  deliver_webhook: 'Webhook delivery (internal)',
};

/** The query parameters of `/jobs`, raw. */
export interface JobsQueryParams {
  status?: string;
  type?: string;
  q?: string;
  /** First and last local calendar day, `YYYY-MM-DD`, both included. */
  from?: string;
  to?: string;
  /** `created_at`: oldest first; absent: newest first. */
  sort?: string;
  /** `1`: show internal jobs too. */
  internal?: string;
  /** The job open in the drawer (not a filter). */
  job?: string;
}

export interface JobsView {
  readonly statuses: readonly JobStatus[];
  readonly types: readonly JobType[];
  readonly q: string;
  readonly from: string | null;
  readonly to: string | null;
  readonly sort: JobSort;
  readonly showInternal: boolean;
}

export function parseJobsView(params: JobsQueryParams): JobsView {
  return {
    statuses: parseList(params.status, JOB_STATUSES),
    types: parseList(params.type, JOB_TYPES),
    q: (params.q ?? '').trim(),
    from: parseDay(params.from),
    to: parseDay(params.to),
    sort: params.sort === 'created_at' ? 'created_at' : '-created_at',
    showInternal: params.internal === '1',
  };
}

/** What `GET /api/jobs` and `POST /api/jobs/bulk` are asked, so a bulk action covers exactly the jobs listed. */
export function jobFilterOf(view: JobsView): JobFilter {
  return {
    status: view.statuses,
    type: view.types.length || view.showInternal ? view.types : JOB_TYPES.filter((t) => !INTERNAL_JOB_TYPES.includes(t)),
    q: view.q || undefined,
    createdAfter: view.from ? startOfDay(view.from) : null,
    createdBefore: view.to ? startOfDay(view.to, 1) : null,
  };
}

/** Whether the person narrowed the list (showing internal jobs widens it, so it does not count). */
export function hasFilters(view: JobsView): boolean {
  return view.statuses.length > 0 || view.types.length > 0 || !!view.q || !!view.from || !!view.to;
}

/** The query parameters that clear every filter (sort and the internal toggle stay). */
export const CLEARED_FILTERS: Readonly<Record<'status' | 'type' | 'q' | 'from' | 'to', null>> = { status: null, type: null, q: null, from: null, to: null };

/** The name of the file an analysis was started with, when the job knows it. */
export function fileNameOf(job: Job): string | null {
  const name = job.metadata['file_name'];
  return typeof name === 'string' && name ? name : null;
}

/** A local calendar day as `YYYY-MM-DD`. */
export function dayOf(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The local `Date` of a `YYYY-MM-DD` day, at midnight. */
export function dateOfDay(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d);
}

/** The ISO instant at which a local day (plus `days`) starts. */
function startOfDay(day: string, days = 0): string {
  const date = dateOfDay(day);
  date.setDate(date.getDate() + days);
  return date.toISOString();
}

function parseDay(raw: string | undefined): string | null {
  if (!raw || !/^\d{4}-\d{2}-\d{2}$/.test(raw)) return null;
  return dayOf(dateOfDay(raw)) === raw ? raw : null;
}

function parseList<T extends string>(raw: string | undefined, allowed: readonly T[]): T[] {
  return (raw ?? '').split(',').filter((v): v is T => (allowed as readonly string[]).includes(v));
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
