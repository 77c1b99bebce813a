import type { JobSnapshot } from '@atelier/contracts';
import type { JobEventBus } from '@atelier/jobs';
import { snapshotFrame } from '../sse-frames';
import type { JobSnapshotReader } from './job-snapshot-reader';

/**
 * How long one read of the snapshot serves the streams that open after it. Unfiltered streams are
 * all sent the same snapshot, so a reconnect storm reads and serialises it once or twice instead of
 * once per client; each stream is then sent the events since the snapshot's cursor as well.
 */
export const SNAPSHOT_SHARE_MS = 1000;

export interface SharedSnapshot {
  /** The bus cursor when the read began: the snapshot covers every event up to it. */
  readonly cursor: string;
  readonly snapshot: JobSnapshot;
  /** The snapshot's event, serialised once for every unfiltered stream. */
  readonly frame: Buffer;
  /** `performance.now()` when the read began. */
  readonly startedAt: number;
}

/** One snapshot read at a time, shared by every stream that asks for one while it is recent. */
export class SharedSnapshots {
  private last?: SharedSnapshot;
  private reading?: { startedAt: number; done: Promise<SharedSnapshot> };

  constructor(
    private readonly bus: JobEventBus,
    private readonly reader: JobSnapshotReader,
  ) {}

  /**
   * The latest snapshot while it is recent, else the one being read (however long it takes: a second
   * read beside a slow one would only slow the store down further), else a new read.
   */
  get(): Promise<SharedSnapshot> {
    if (this.last && performance.now() - this.last.startedAt <= SNAPSHOT_SHARE_MS) return Promise.resolve(this.last);
    return this.reading?.done ?? this.read();
  }

  /** A snapshot whose read began at `notBefore` or later. */
  getSince(notBefore: number): Promise<SharedSnapshot> {
    if (this.last && this.last.startedAt >= notBefore) return Promise.resolve(this.last);
    if (this.reading && this.reading.startedAt >= notBefore) return this.reading.done;
    return this.read();
  }

  private read(): Promise<SharedSnapshot> {
    const startedAt = performance.now();
    const cursor = this.bus.currentCursor();
    const done = this.reader.read().then((snapshot) => {
      const shared = { cursor, snapshot, frame: snapshotFrame(cursor, snapshot), startedAt };
      if (!this.last || this.last.startedAt < startedAt) this.last = shared;
      return shared;
    });
    const reading = { startedAt, done };
    this.reading = reading;
    // A failed read is every waiting stream's error (each answers problem+json); the next stream reads again.
    const clear = () => {
      if (this.reading === reading) this.reading = undefined;
    };
    done.then(clear, clear);
    return done;
  }
}
