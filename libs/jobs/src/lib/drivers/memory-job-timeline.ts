import type { JobTimelineEntry } from '@atelier/contracts';
import { JobTimelineStore, type NewTimelineEntry } from '../ports/job-timeline.port';

/** The timeline in memory: for the engine without a database (contract suite, bench). */
export class MemoryJobTimeline extends JobTimelineStore {
  private readonly byJob = new Map<string, JobTimelineEntry[]>();

  append(entries: NewTimelineEntry[]): void {
    for (const { job_id, ...entry } of entries) {
      let list = this.byJob.get(job_id);
      if (!list) this.byJob.set(job_id, (list = []));
      list.push(entry);
    }
  }

  async list(jobId: string): Promise<JobTimelineEntry[]> {
    return [...(this.byJob.get(jobId) ?? [])];
  }

  async flush(): Promise<void> {
    return;
  }

  /** Forgets deleted jobs' entries. */
  forget(jobIds: string[]): void {
    for (const id of jobIds) this.byJob.delete(id);
  }
}
