import { EMPTY, catchError, concat, expand, filter, map, type Observable } from 'rxjs';
import { FINISHED_STATUSES, UNFINISHED_STATUSES, type Job, type JobStatus } from '@atelier/contracts';
import type { JobsApi } from '../api/jobs-api';
import type { SnapshotLeftOut } from './jobs-stream.reducer';

const PAGE_SIZE = 200;
/** Pages loaded at most for each part a snapshot left out: past that, the Jobs page holds the history. */
export const MAX_LEFT_OUT_PAGES = 5;

/**
 * Loads over REST what a truncated snapshot left out (JobSnapshot in @atelier/contracts): the
 * unfinished jobs after its cursor, then the finished jobs after its cursor that finished in its
 * window, page by page (one request at a time), until a page holds none of them. Emits each page's
 * jobs; a failed request ends the loading quietly (the stream's own events go on).
 */
export function loadLeftOut(api: JobsApi, leftOut: SnapshotLeftOut): Observable<readonly Job[]> {
  const inWindow = (job: Job) => job.finished_at !== null && job.finished_at >= leftOut.finished_since;
  return concat(
    leftOut.unfinished_cursor ? pages(api, UNFINISHED_STATUSES, leftOut.unfinished_cursor, () => true) : EMPTY,
    leftOut.finished_cursor ? pages(api, FINISHED_STATUSES, leftOut.finished_cursor, inWindow) : EMPTY,
  ).pipe(catchError(() => EMPTY));
}

function pages(api: JobsApi, status: readonly JobStatus[], cursor: string, keep: (job: Job) => boolean): Observable<readonly Job[]> {
  const page = (from: string, number: number) =>
    api.list({ status, cursor: from, limit: PAGE_SIZE }).pipe(map((list) => ({ number, next: list.next_cursor, jobs: list.jobs.filter(keep) })));
  return page(cursor, 1).pipe(
    expand((p) => (p.next && p.jobs.length && p.number < MAX_LEFT_OUT_PAGES ? page(p.next, p.number + 1) : EMPTY)),
    map((p) => p.jobs),
    filter((jobs) => jobs.length > 0),
  );
}
