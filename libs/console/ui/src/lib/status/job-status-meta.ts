import type { JobStatus } from '@atelier/contracts';

export interface JobStatusMeta {
  readonly label: string;
  /** svgIcon name; running jobs show a spinner instead. */
  readonly icon: string;
}

/** Status shown with an icon and words, never by color alone. */
export const JOB_STATUS_META: Readonly<Record<JobStatus, JobStatusMeta>> = {
  queued: { label: 'Queued', icon: 'schedule' },
  running: { label: 'Running', icon: 'sync' },
  completed: { label: 'Completed', icon: 'check_circle' },
  failed: { label: 'Failed', icon: 'error' },
  cancelled: { label: 'Cancelled', icon: 'cancel' },
};
