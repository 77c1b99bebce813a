import { Logger } from '@nestjs/common';
import type { OutgoingHttpHeaders } from 'node:http';
import type { EventBatch, OutgoingEvent } from './event-batch';
import type { JobEventFilter } from './job-event-filter';
import { PING_FRAME, STREAM_PREAMBLE } from './sse-frames';

/** What a stream needs of its HTTP response (a `ServerResponse`; a small fake in unit tests). */
export interface StreamSink {
  once(event: 'close' | 'drain', listener: () => void): unknown;
  readonly writableLength: number;
  /** True once a write went past the buffer's high-water mark; "drain" follows when it empties. */
  readonly writableNeedDrain?: boolean;
  readonly destroyed: boolean;
  /** Set by `writeHead` when the body goes out in HTTP/1.1 chunks (not for an HTTP/1.0 client). */
  readonly chunkedEncoding: boolean;
  readonly socket: { write(chunk: Buffer): boolean; readonly writableLength: number } | null;
  writeHead(status: number, headers: OutgoingHttpHeaders): unknown;
  write(chunk: Buffer): boolean;
  cork(): void;
  uncork(): void;
  end(): unknown;
  destroy(): unknown;
}

/** The headers Nest's @Sse sent, kept as they were. */
export const SSE_HEADERS: OutgoingHttpHeaders = {
  'Content-Type': 'text/event-stream',
  Connection: 'keep-alive',
  'Cache-Control': 'private, no-cache, no-store, must-revalidate, max-age=0, no-transform',
  Pragma: 'no-cache',
  Expires: '0',
  'X-Accel-Buffering': 'no',
};

/**
 * Bytes a client may leave unread before its stream is dropped. The events cannot wait for it (the
 * bus does not pause), so past this an EventSource is better off reconnecting with Last-Event-ID.
 */
export const MAX_UNSENT_BYTES = 4 * 1024 * 1024;

const logger = new Logger('JobStream');

/** What a stream starts with: a snapshot, or the events after the client's Last-Event-ID. */
export interface StreamHead {
  /** The last event the head covers; later events that are not newer are duplicates. */
  readonly cursor: bigint;
  readonly snapshot?: Buffer;
  readonly events: readonly OutgoingEvent[];
}

/**
 * One client's stream. Until its head (the snapshot or the Last-Event-ID replay) is out, the events
 * the broadcaster hands it wait in `pending`; from then on each batch is written at once, with one
 * write per batch. `lastSent` drops the events the head already covered.
 */
export class JobStreamSubscriber {
  private pending: OutgoingEvent[] | undefined = [];
  private lastSent = -1n;
  private dropped = false;
  /** The response's socket once its head is out, when the shared batches can go to it as they are. */
  private socket: StreamSink['socket'] = null;

  constructor(
    private readonly sink: StreamSink,
    readonly filter: JobEventFilter,
  ) {}

  get isLive(): boolean {
    return this.pending === undefined && !this.closed;
  }

  get closed(): boolean {
    return this.dropped || this.sink.destroyed;
  }

  /** Sends the headers and the head, then what arrived while the head was read, and goes live. */
  start(head: StreamHead): void {
    if (this.closed) return;
    const waiting = this.pending ?? [];
    this.pending = undefined;
    this.lastSent = head.cursor;
    this.sink.writeHead(200, SSE_HEADERS);
    const frames: Buffer[] = head.snapshot ? [] : [STREAM_PREAMBLE];
    for (const e of head.events) if (this.accepts(e)) frames.push(e.frame);
    for (const e of waiting) if (this.accepts(e)) frames.push(e.frame);
    // A snapshot is shared by the streams that start from it: written as it is, never copied into one Buffer per stream.
    if (this.canWrite()) this.writeFrames(...(head.snapshot ? [STREAM_PREAMBLE, head.snapshot] : []), ...(frames.length ? [Buffer.concat(frames)] : []));
    // The response frames each write as an HTTP chunk, in four socket writes. A batch shared by every
    // unfiltered stream is framed once instead (EventBatch.httpChunk) and written to the socket in one:
    // a quarter less CPU per flush. The response is none the wiser: it still ends with its last chunk.
    if (this.sink.chunkedEncoding) this.socket = this.sink.socket;
  }

  deliver(batch: EventBatch): void {
    // Nothing to send (a batch's summary can leave none): an empty HTTP chunk would end the response.
    if (!batch.events.length) return;
    if (this.pending) {
      this.pending.push(...batch.events);
      return;
    }
    // The console's case: every event goes, so the batch's shared Buffer is written as it is.
    if (this.filter.passesEverything && !batch.personal && batch.isAllAfter(this.lastSent)) {
      this.lastSent = batch.lastCursorOr(this.lastSent);
      if (!this.canWrite()) return;
      if (this.socket) this.socket.write(batch.httpChunk);
      else this.writeFrames(batch.frames);
      return;
    }
    const frames: Buffer[] = [];
    for (const e of batch.events) if (this.accepts(e)) frames.push(e.frame);
    if (frames.length && this.canWrite()) this.writeFrames(frames.length === 1 ? frames[0] : Buffer.concat(frames));
  }

  ping(): void {
    if (this.isLive && this.canWrite()) this.writeFrames(PING_FRAME);
  }

  /** Ends the stream (the server stops, or the bus ended); one whose head is not out yet has nothing to finish. */
  end(): void {
    if (this.closed) return;
    this.dropped = true;
    if (this.pending) this.sink.destroy();
    else this.sink.end();
  }

  private accepts(e: OutgoingEvent): boolean {
    if (e.cursor !== undefined) {
      if (e.cursor <= this.lastSent) return false;
      this.lastSent = e.cursor;
    }
    return this.filter.matches(e.event);
  }

  /** False once the stream is dropped, also when this write would be one too many for a client that does not read. */
  private canWrite(): boolean {
    if (this.dropped) return false;
    // Once the head is out, all that is unsent waits in the socket: asked directly, it is one lookup fewer per stream and flush.
    const unsent = this.socket ? this.socket.writableLength : this.sink.writableLength;
    if (unsent <= MAX_UNSENT_BYTES) return true;
    logger.warn(`A client is not reading its events (${unsent} bytes unsent): dropping its stream so it reconnects`);
    this.dropped = true;
    this.sink.destroy();
    return false;
  }

  private writeFrames(...frames: Buffer[]): void {
    // Corked, the frames and their HTTP framing leave in one writev here and now, not in a tick per
    // stream after the flush: the broadcaster's flush then takes as long as its writes really do.
    this.sink.cork();
    for (const frame of frames) this.sink.write(frame);
    this.sink.uncork();
  }
}
