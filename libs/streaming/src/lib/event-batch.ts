import type { JobEvent } from '@atelier/contracts';
import { eventFrame } from './sse-frames';

/** One event on its way to the streams, with its frame and cursor worked out once for all of them. */
export interface OutgoingEvent {
  readonly event: JobEvent;
  /** `undefined` for an id that is not a decimal cursor: such an event is never taken for a duplicate. */
  readonly cursor: bigint | undefined;
  readonly frame: Buffer;
}

const CRLF = Buffer.from('\r\n');

export function cursorOf(id: string): bigint | undefined {
  return /^\d+$/.test(id) ? BigInt(id) : undefined;
}

export function outgoing(event: JobEvent): OutgoingEvent {
  return { event, cursor: cursorOf(event.id), frame: eventFrame(event) };
}

/** The events of one flush window, in bus order, shared by every stream they go to. */
export class EventBatch {
  readonly events: readonly OutgoingEvent[];
  /** True when an event of the batch is for some streams only (a user's dismissals), so no stream takes it whole. */
  readonly personal: boolean;
  private joined?: Buffer;
  private chunk?: Buffer;

  constructor(events: readonly JobEvent[] | readonly OutgoingEvent[]) {
    this.events = events.map((e) => ('frame' in e ? e : outgoing(e)));
    this.personal = this.events.some((e) => e.event.event === 'panel.dismissed');
  }

  /** The batch of those of these events that `keep` picks, sharing their frames; this batch itself when it picks them all. */
  subset(keep: ReadonlySet<JobEvent>): EventBatch {
    const kept = this.events.filter((e) => keep.has(e.event));
    return kept.length === this.events.length ? this : new EventBatch(kept);
  }

  /** Every frame as one Buffer, built once and written as is to each unfiltered stream. */
  get frames(): Buffer {
    this.joined ??= this.events.length === 1 ? this.events[0].frame : Buffer.concat(this.events.map((e) => e.frame));
    return this.joined;
  }

  /** The frames as one HTTP/1.1 chunk (size line, data, CRLF), built once for the streams written straight to their socket. */
  get httpChunk(): Buffer {
    this.chunk ??= Buffer.concat([Buffer.from(`${this.frames.length.toString(16)}\r\n`), this.frames, CRLF]);
    return this.chunk;
  }

  /** True when every event of the batch is newer than `cursor`, so none of them can be a duplicate. */
  isAllAfter(cursor: bigint): boolean {
    const first = this.events[0]?.cursor;
    return first === undefined || first > cursor;
  }

  /** The cursor a stream has reached once it was sent the whole batch. */
  lastCursorOr(cursor: bigint): bigint {
    return this.events[this.events.length - 1]?.cursor ?? cursor;
  }
}
