import { Injectable, inject } from '@angular/core';
import { map, of, type Observable } from 'rxjs';
import type { BulkAction, BulkResult, Job } from '@atelier/contracts';
import { JobsApi, JobsStream, type BulkTarget } from '@atelier/console/data-access';

const PAST: Readonly<Record<BulkAction, string>> = { cancel: 'cancelled', retry: 'queued again', delete: 'deleted' };
const NOT_ELIGIBLE: Readonly<Record<BulkAction, string>> = {
  cancel: 'already finished',
  retry: 'not failed or cancelled',
  delete: 'still queued or running',
};

/** Cancels, retries or deletes one job (by its own route) or many (one bulk request); the stream sees the change at once. */
@Injectable({ providedIn: 'root' })
export class JobActions {
  private readonly api = inject(JobsApi);
  private readonly stream = inject(JobsStream);

  /** One job; answers the job as it is now, or null once deleted. */
  one(action: BulkAction, job: Job): Observable<Job | null> {
    if (action === 'delete') return this.api.delete(job.job_id).pipe(map(() => null));
    const call = action === 'cancel' ? this.api.cancel(job.job_id) : this.api.retry(job.job_id);
    return call.pipe(
      map((updated) => {
        this.stream.upsert(updated);
        return updated;
      }),
    );
  }

  /** Named jobs, or every job a filter matches (on the server, not one page). */
  bulk(action: BulkAction, target: BulkTarget): Observable<BulkResult> {
    if ('jobIds' in target && target.jobIds.length === 0) return of({ matched: 0, changed: 0, skipped: 0 });
    return this.api.bulk(action, target);
  }
}

/** One line about a bulk action's answer, e.g. "12 matched · 10 queued again · 2 skipped (not failed or cancelled)". */
export function describeBulkResult(action: BulkAction, result: BulkResult): string {
  if (result.matched === 0) return 'No job matched.';
  const parts = [`${result.matched} ${result.matched === 1 ? 'job' : 'jobs'} matched`, `${result.changed} ${PAST[action]}`];
  if (result.skipped) parts.push(`${result.skipped} skipped (${NOT_ELIGIBLE[action]})`);
  return parts.join(' · ');
}

export const BULK_ACTION_LABELS: Readonly<Record<BulkAction, string>> = { cancel: 'Cancel', retry: 'Retry', delete: 'Delete' };
