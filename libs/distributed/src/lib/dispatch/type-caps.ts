import type { DispatchJob } from './queue-driver';

/** How long an entry over its type's cap is set aside: doubling per time it came back, from 250 ms to 2 s. */
export function parkDelayOf(job: Pick<DispatchJob, 'attemptsStarted'>): number {
  return Math.min(2000, 250 * 2 ** Math.max(0, Math.min(8, (job.attemptsStarted ?? 1) - 1)));
}

/**
 * The per-type caps of one process over its one BullMQ worker (JOB_TYPE_CONCURRENCY). An entry of a
 * type at its cap is parked (delayed a little, for any worker) rather than held; when a slot of that
 * type frees here, the best entry parked here is promoted, so a capped type keeps its pace. An entry
 * that comes back to the process that parked it tells that process to stop fetching for a while
 * (see BullMqDispatcher), or it would win every race for it against workers that have room.
 */
export class TypeCaps {
  private readonly runningByType = new Map<string, number>();
  private readonly parkedByType = new Map<string, DispatchJob[]>();

  constructor(
    private readonly concurrency: number,
    private readonly typeConcurrency: Partial<Record<string, number>>,
  ) {}

  /** Takes a slot of `type`; false when the type is at its cap. */
  take(type: string): boolean {
    const running = this.runningByType.get(type) ?? 0;
    if (running >= Math.min(this.typeConcurrency[type] ?? this.concurrency, this.concurrency)) return false;
    this.runningByType.set(type, running + 1);
    return true;
  }

  /** Gives a slot of `type` back; answers the parked entry of that type to promote, if any. */
  release(type: string): DispatchJob | undefined {
    this.runningByType.set(type, Math.max(0, (this.runningByType.get(type) ?? 1) - 1));
    const parked = this.parkedByType.get(type);
    if (!parked?.length) return undefined;
    // Lowest BullMQ priority number first (it runs first), then the oldest.
    let best = 0;
    for (let i = 1; i < parked.length; i++) if (before(parked[i], parked[best])) best = i;
    return parked.splice(best, 1)[0];
  }

  /** Whether this process parked this entry before (and so is the one that keeps getting it back). */
  parkedHere(type: string, job: DispatchJob): boolean {
    const parked = this.parkedByType.get(type);
    const i = parked?.findIndex((p) => p.id === job.id) ?? -1;
    if (i >= 0) parked!.splice(i, 1);
    return i >= 0;
  }

  /** Remembers a parked entry (a bounded few per type: the rest come back on their own). */
  park(type: string, job: DispatchJob): void {
    let parked = this.parkedByType.get(type);
    if (!parked) this.parkedByType.set(type, (parked = []));
    if (parked.length < this.concurrency * 2) parked.push(job);
  }
}

function before(a: DispatchJob, b: DispatchJob): boolean {
  const pa = a.opts.priority ?? 0;
  const pb = b.opts.priority ?? 0;
  return pa !== pb ? pa < pb : a.timestamp < b.timestamp;
}
