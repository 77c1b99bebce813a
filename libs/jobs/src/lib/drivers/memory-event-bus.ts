import { Subject, type Observable } from 'rxjs';
import { jobIdOf, type JobEvent } from '@atelier/contracts';
import { JobEventBus, type NewJobEvent } from '../ports/job-event-bus.port';

/**
 * Embedded event bus: an RxJS Subject plus a ring of the last `capacity` events for
 * Last-Event-ID replay. Ids are decimal integers that start at boot time in microseconds, so
 * they keep increasing across restarts and a cursor from an earlier run reads as "too old".
 */
export class MemoryEventBus extends JobEventBus {
  private readonly subject = new Subject<JobEvent>();
  readonly events$: Observable<JobEvent> = this.subject.asObservable();
  private readonly ring: JobEvent[];
  private head = 0;
  private size = 0;
  private next: number;
  private readonly firstId: number;

  constructor(private readonly capacity = 10_000, start = Date.now() * 1000) {
    super();
    this.ring = new Array(capacity);
    this.next = start;
    this.firstId = start;
  }

  async publish(event: NewJobEvent): Promise<void> {
    const full = { ...event, id: String(this.next++) } as JobEvent;
    this.ring[(this.head + this.size) % this.capacity] = full;
    if (this.size < this.capacity) this.size++;
    else this.head = (this.head + 1) % this.capacity;
    this.subject.next(full);
  }

  async since(cursor: string): Promise<JobEvent[] | undefined> {
    if (!/^\d+$/.test(cursor)) return undefined;
    const after = Number(cursor);
    const newest = this.next - 1;
    if (after > newest) return undefined;
    if (after === newest) return [];
    const oldest = this.size ? Number(this.ring[this.head].id) : this.next;
    // The client must have seen every event before the oldest one we still hold.
    if (after < oldest - 1 || after < this.firstId - 1) return undefined;
    const out: JobEvent[] = [];
    for (let i = 0; i < this.size; i++) {
      const e = this.ring[(this.head + i) % this.capacity];
      if (Number(e.id) > after) out.push(e);
    }
    return out;
  }

  currentCursor(): string {
    return String(this.next - 1);
  }

  async latestOf(jobId: string): Promise<JobEvent | undefined> {
    for (let i = this.size - 1; i >= 0; i--) {
      const e = this.ring[(this.head + i) % this.capacity];
      if (jobIdOf(e) === jobId) return e;
    }
    return undefined;
  }

  /** Live subscribers (each open SSE stream holds one); lets tests prove disconnects release them. */
  subscriberCount(): number {
    return this.subject.observers.length;
  }

  complete(): void {
    this.subject.complete();
  }
}
