import { Injectable, inject } from '@angular/core';
import { catchError, forkJoin, map, of, type Observable } from 'rxjs';
import type { Job } from '@atelier/contracts';
import { JobsApi, JobsStream, problemMessage } from '@atelier/console/data-access';
import { eligible, type BulkAction } from './job-eligibility';

export interface BulkOutcome {
  readonly action: BulkAction;
  readonly done: number;
  readonly skipped: number;
  readonly failures: readonly string[];
}

const PAST: Readonly<Record<BulkAction, string>> = { cancel: 'cancelled', retry: 'queued again', delete: 'deleted' };

/** Runs one action on many jobs (only those it applies to) and reports what happened. */
@Injectable({ providedIn: 'root' })
export class BulkJobActions {
  private readonly api = inject(JobsApi);
  private readonly stream = inject(JobsStream);

  run(action: BulkAction, jobs: readonly Job[]): Observable<BulkOutcome> {
    const targets = eligible(jobs, action);
    if (targets.length === 0) return of({ action, done: 0, skipped: jobs.length, failures: [] });
    const requests = targets.map((job) =>
      this.request(action, job).pipe(
        map(() => null),
        catchError((err: unknown) => of(`${job.title}: ${problemMessage(err)}`)),
      ),
    );
    return forkJoin(requests).pipe(
      map((results) => {
        const failures = results.filter((r): r is string => r !== null);
        return { action, done: targets.length - failures.length, skipped: jobs.length - targets.length, failures };
      }),
    );
  }

  private request(action: BulkAction, job: Job): Observable<unknown> {
    if (action === 'delete') return this.api.delete(job.job_id);
    const call = action === 'cancel' ? this.api.cancel(job.job_id) : this.api.retry(job.job_id);
    return call.pipe(map((updated) => this.stream.upsert(updated)));
  }
}

export function describeOutcome(o: BulkOutcome): string {
  const parts = [`${o.done} ${o.done === 1 ? 'job' : 'jobs'} ${PAST[o.action]}`];
  if (o.skipped) parts.push(`${o.skipped} skipped (not ${o.action === 'retry' ? 'failed or cancelled' : o.action === 'cancel' ? 'running' : 'finished'})`);
  if (o.failures.length) parts.push(`${o.failures.length} failed: ${o.failures[0]}`);
  return parts.join(' · ');
}
