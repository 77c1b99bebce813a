/**
 * Time a burst of work may take in one go before the event loop serves other requests. A reconnect
 * storm brings 1,000 stream requests at once, and each costs its way through Nest and then the write
 * of its snapshot; done back to back, that holds up every other request for seconds
 * (docs/benchmarks.md, P8).
 */
export const PACE_SLICE_MS = 10;

/**
 * Spreads a burst of tasks over turns of the event loop, so that other I/O is served between them.
 * A task runs at once while nothing waits and the current slice (PACE_SLICE_MS from its first task)
 * lasts; later tasks wait, and run one per turn, in order.
 */
export class Pacer {
  private readonly queue: (() => void)[] = [];
  private sliceOpen = false;
  private sliceEndsAt = 0;
  private turnScheduled = false;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Resolves once `task` has run, and rejects with what it threw. */
  run(task: () => void): Promise<void> {
    if (!this.queue.length && (!this.sliceOpen || this.now() < this.sliceEndsAt)) {
      if (!this.sliceOpen) this.openSlice();
      return settle(task);
    }
    return new Promise((resolve, reject) => {
      this.queue.push(() => settle(task).then(resolve, reject));
      this.scheduleTurn();
    });
  }

  /** A slice lasts until the end of the turn it began in, and no more than PACE_SLICE_MS. */
  private openSlice(): void {
    this.sliceOpen = true;
    this.sliceEndsAt = this.now() + PACE_SLICE_MS;
    this.scheduleTurn();
  }

  private scheduleTurn(): void {
    if (this.turnScheduled) return;
    this.turnScheduled = true;
    setImmediate(() => this.turn());
  }

  private turn(): void {
    this.turnScheduled = false;
    this.sliceOpen = false;
    const task = this.queue.shift();
    if (!task) return;
    // What the task set off (promise continuations, the writes it queued) runs before the next turn's task.
    task();
    if (this.queue.length) this.scheduleTurn();
  }
}

function settle(task: () => void): Promise<void> {
  try {
    task();
    return Promise.resolve();
  } catch (err) {
    return Promise.reject(err);
  }
}
