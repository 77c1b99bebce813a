import { Histogram, type Registry } from 'prom-client';

/**
 * Fine enough around the fan-out's goal (publish → last write p99 ≤ 30 ms) for a p99 interpolated
 * within a bucket to mean something; seconds, as Prometheus has it.
 */
export const STREAM_STAGE_BUCKETS = [0.001, 0.002, 0.005, 0.01, 0.015, 0.02, 0.025, 0.03, 0.04, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1, 2.5];

/**
 * The server's side of a live event's way to the streams, in /metrics: per event, from the bus
 * handing it to the broadcaster to the flush that sends it, and to the return of the last stream's
 * write; per flush, from its start to that last write (the fan-out's own cost).
 */
export class StreamMetrics {
  private readonly publishToFlush: Histogram;
  private readonly publishToLastWrite: Histogram;
  private readonly flushWrites: Histogram;

  constructor(registry: Registry) {
    this.publishToFlush = new Histogram({
      name: 'atelier_sse_publish_to_flush_seconds',
      help: 'Per live event: from its publication on the bus to the start of the flush that sends it to the streams',
      buckets: STREAM_STAGE_BUCKETS,
      registers: [registry],
    });
    this.publishToLastWrite = new Histogram({
      name: 'atelier_sse_publish_to_last_write_seconds',
      help: 'Per live event: from its publication on the bus to the return of the last stream write of its flush',
      buckets: STREAM_STAGE_BUCKETS,
      registers: [registry],
    });
    this.flushWrites = new Histogram({
      name: 'atelier_sse_flush_to_last_write_seconds',
      help: 'Per flush: from its start to the return of its last stream write',
      buckets: STREAM_STAGE_BUCKETS,
      registers: [registry],
    });
  }

  /** One flush: when each of its events was published, when it began and when its last write returned (`performance.now()` ms). */
  flushed(publishedAt: readonly number[], flushAt: number, lastWriteAt: number): void {
    this.flushWrites.observe((lastWriteAt - flushAt) / 1000);
    for (const at of publishedAt) {
      this.publishToFlush.observe((flushAt - at) / 1000);
      this.publishToLastWrite.observe((lastWriteAt - at) / 1000);
    }
  }
}
