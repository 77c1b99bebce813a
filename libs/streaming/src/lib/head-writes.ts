import type { StreamSink } from './job-stream-subscriber';
import { Pacer } from './pacer';

/**
 * Bytes of stream heads (snapshots, mostly) that may wait in the responses for their sockets at
 * once. Past it, the next stream starts when an earlier one has drained: a storm's snapshots then
 * reach a few sockets at a time, and the rest of the server is not left polling a thousand sockets
 * that all wait to write.
 */
export const HEADS_IN_FLIGHT_BYTES = 4 * 1024 * 1024;

interface PendingHead {
  readonly sink: StreamSink;
  readonly start: () => void;
  readonly done: (err?: unknown) => void;
}

/** Starts streams in order, paced by the event loop (Pacer) and held back by what their sockets have not taken yet. */
export class HeadWrites {
  private readonly queue: PendingHead[] = [];
  private unsent = 0;
  /** A head handed to the pacer and not run yet: the budget is checked again before the next one. */
  private submitted = false;
  private pumping = false;

  constructor(
    private readonly pacer = new Pacer(),
    private readonly budget = HEADS_IN_FLIGHT_BYTES,
  ) {}

  /** Runs `start`, which writes the head of `sink`'s stream, once the budget allows it. */
  write(sink: StreamSink, start: () => void): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ sink, start, done: (err) => (err === undefined ? resolve() : reject(err)) });
      this.pump();
    });
  }

  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    while (this.queue.length && !this.submitted && this.unsent < this.budget) {
      const head = this.queue.shift()!;
      this.submitted = true;
      // Runs at once while the pacer's slice lasts (the loop goes on), or in a later turn (pump again then).
      void this.pacer
        .run(() => {
          this.submitted = false;
          this.run(head);
        })
        .then(
          () => this.pump(),
          () => this.pump(),
        );
    }
    this.pumping = false;
  }

  private run({ sink, start, done }: PendingHead): void {
    try {
      start();
    } catch (err) {
      done(err ?? new Error('stream start failed'));
      return;
    }
    // Under the high-water mark the socket has taken (nearly) all of it; above, "drain" says when it has.
    if (sink.writableNeedDrain && !sink.destroyed) this.hold(sink, sink.writableLength);
    done();
  }

  private hold(sink: StreamSink, bytes: number): void {
    this.unsent += bytes;
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      this.unsent -= bytes;
      this.pump();
    };
    sink.once('drain', release);
    sink.once('close', release);
  }
}
