import type { JobTimelineEntry } from '@atelier/contracts';

export interface NewTimelineEntry extends JobTimelineEntry {
  job_id: string;
}

/**
 * Each job's durable timeline (`GET /api/jobs/{job_id}/events`): what happened to it, attempt by
 * attempt, and who caused it. Entries are deleted with their job (JobStore.delete and retention).
 */
export abstract class JobTimelineStore {
  /** Records entries. Never rejects: a timeline that cannot be written is logged, the job goes on. */
  abstract append(entries: NewTimelineEntry[]): void;
  /** A job's entries, oldest first (including any this process has not written yet). */
  abstract list(jobId: string): Promise<JobTimelineEntry[]>;
  /** Writes what is buffered (shutdown, tests). */
  abstract flush(): Promise<void>;
}
