/**
 * One batch card's counts of its children. The children are never turned into cards (a batch of
 * 500 would flood the panel); the card counts them from the live store instead. The stream the
 * panel follows leaves out the creation of jobs inside a batch, so a child the store does not hold
 * yet has not started: it counts as queued.
 */
import type { Job } from '@atelier/contracts';

export interface BatchTally {
  readonly total: number;
  readonly completed: number;
  readonly failed: number;
  readonly cancelled: number;
  readonly running: number;
  readonly queued: number;
}

export function isBatch(job: Pick<Job, 'type'>): boolean {
  return job.type === 'batch';
}

/** One pass over the batch's child ids; no child object is copied. */
export function tallyChildren(batch: Job, byId: Readonly<Record<string, Job>>): BatchTally {
  const tally = { total: batch.child_ids.length, completed: 0, failed: 0, cancelled: 0, running: 0, queued: 0 };
  for (const id of batch.child_ids) {
    const status = byId[id]?.status ?? 'queued';
    tally[status] += 1;
  }
  return tally;
}

export function sameTally(a: BatchTally | null, b: BatchTally | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.total === b.total && a.completed === b.completed && a.failed === b.failed && a.cancelled === b.cancelled && a.running === b.running && a.queued === b.queued;
}

/** "17 of 40 done · 5 running · 3 failed": where a batch is, in words. */
export function tallyText(tally: BatchTally, ended: boolean): string {
  const parts = [`${tally.completed} of ${tally.total} ${ended ? 'completed' : 'done'}`];
  if (tally.running) parts.push(`${tally.running} running`);
  if (tally.failed) parts.push(`${tally.failed} failed`);
  if (tally.cancelled) parts.push(`${tally.cancelled} cancelled`);
  return parts.join(' · ');
}
