/**
 * The children of one batch for its expanded card: read page by page over REST (the panel's
 * stream does not carry their creation), then kept current by the live store, newest state wins.
 */
import { EMPTY, expand, scan, type Observable } from 'rxjs';
import type { Job } from '@atelier/contracts';
import type { JobsApi } from '@atelier/console/data-access';

const PAGE = 200;

/** Every child, oldest first, growing with each page read. */
export function readChildren(api: JobsApi, batchId: string): Observable<ReadonlyMap<string, Job>> {
  const page = (cursor: string | null) => api.list({ parentId: batchId, sort: 'created_at', limit: PAGE, cursor });
  return page(null).pipe(
    expand((p) => (p.next_cursor ? page(p.next_cursor) : EMPTY)),
    scan((all, p) => {
      const next = new Map(all);
      for (const job of p.jobs) next.set(job.job_id, job);
      return next;
    }, new Map<string, Job>() as ReadonlyMap<string, Job>),
  );
}

/** One line of the list: the child as known (or, not read yet, only its id). */
export interface BatchChildRow {
  readonly id: string;
  readonly job: Job | null;
}

function newer(a: Job | undefined, b: Job | undefined): Job | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return a.updated_at >= b.updated_at ? a : b;
}

/** The rows in the batch's order; a row keeps its object while its child does not change. */
export function childRows(
  batch: Job,
  live: Readonly<Record<string, Job>>,
  read: ReadonlyMap<string, Job>,
  previous: readonly BatchChildRow[],
): BatchChildRow[] {
  const before = new Map(previous.map((r) => [r.id, r]));
  return batch.child_ids.map((id) => {
    const job = newer(live[id], read.get(id));
    const old = before.get(id);
    return old && old.job === job ? old : { id, job };
  });
}
