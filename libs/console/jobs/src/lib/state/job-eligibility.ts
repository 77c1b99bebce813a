/** Which bulk actions a job allows, by the rules of API.md (cancel unfinished, retry failed/cancelled, delete finished). */
import { isFinished, type BulkAction, type Job } from '@atelier/contracts';

export function allows(job: Job, action: BulkAction): boolean {
  switch (action) {
    case 'cancel':
      return !isFinished(job.status);
    case 'retry':
      return job.status === 'failed' || job.status === 'cancelled';
    case 'delete':
      return isFinished(job.status);
  }
}

export function eligible(jobs: readonly Job[], action: BulkAction): Job[] {
  return jobs.filter((j) => allows(j, action));
}

/** The fresher of a job from a REST page and the same job from the live stream. */
export function fresher(page: Job, live: Job | undefined): Job {
  return live && live.updated_at >= page.updated_at ? live : page;
}
