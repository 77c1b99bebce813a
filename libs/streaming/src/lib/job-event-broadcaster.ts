import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import type { JobEvent } from '@atelier/contracts';
import { AppConfig } from '@atelier/platform';
import { JobEventBus } from '@atelier/jobs';
import { EventBatch } from './event-batch';
import { BatchSummary, latestStatePerJob } from './event-coalescing';
import type { JobStreamSubscriber } from './job-stream-subscriber';
import { StreamMetrics } from './stream-metrics';

/**
 * Quiet time after a flush before the next one. The events that arrive meanwhile share one write per
 * stream: a write costs a syscall per socket (≈15 µs on loopback), so at 1,000 streams the writes are
 * the whole cost, and this gap keeps them from taking all of the CPU. An event that arrives after a
 * quiet spell is flushed at once.
 */
export const FLUSH_GAP_MS = 15;

/**
 * A flush of more than BUSY_FLUSH_EVENTS events is busy (or see BUSY_EVENTS_PER_SECOND): while jobs change faster than a console
 * can draw them (a batch of 500), each job's progress steps within a flush are coalesced into its
 * latest state (API.md allows it), and the next flush waits BUSY_FLUSH_GAP_MS: one write per stream
 * and one state per job every 50 ms. The gap is what an event may wait on a busy server, so it sits
 * inside P4's delivery goal (p99 ≤ 100 ms with 1,000 streams at 200 events/s: the wait plus a
 * flush's writes, ≈ 15–30 ms for 1,000 sockets); 100 ms, as first chosen, spent the whole goal
 * on the wait. At 1,000 streams its writes take ≈ 30 % of a core.
 */
export const BUSY_FLUSH_GAP_MS = 50;
export const BUSY_FLUSH_EVENTS = 20;
/** So is every flush while more than this many events a second arrive (a batch whose children end a few at a time). */
export const BUSY_EVENTS_PER_SECOND = 50;

/**
 * Fans the job events out to every open stream: one subscription to the bus for the whole process,
 * one frame per event, one write per stream per flush window, and one heartbeat timer for all.
 */
@Injectable()
export class JobEventBroadcaster implements OnModuleInit, OnModuleDestroy {
  private readonly subscribers = new Set<JobStreamSubscriber>();
  private queue: JobEvent[] = [];
  /** When the bus handed each queued event over (`performance.now()`), for the stage metrics. */
  private queuedAt: number[] = [];
  private flushTimer?: NodeJS.Timeout;
  private lastFlushEnd = -Infinity;
  private gapMs = FLUSH_GAP_MS;
  private readonly recentFlushes: { at: number; events: number }[] = [];
  private readonly batchSummary = new BatchSummary();
  private events?: Subscription;
  private heartbeat?: NodeJS.Timeout;

  constructor(
    private readonly bus: JobEventBus,
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly metrics: StreamMetrics,
  ) {}

  onModuleInit(): void {
    this.events = this.bus.events$.subscribe({
      next: (e) => this.enqueue(e),
      // A stream cannot go on without its bus: its client reconnects (with Last-Event-ID) to one that can.
      error: () => this.endAll(),
      complete: () => this.endAll(),
    });
    this.heartbeat = setInterval(() => this.pingAll(), this.config.values.sseHeartbeatMs);
    this.heartbeat.unref();
  }

  onModuleDestroy(): void {
    this.events?.unsubscribe();
    clearInterval(this.heartbeat);
    this.endAll();
  }

  /** Open streams, those still reading their head included. */
  get size(): number {
    return this.subscribers.size;
  }

  /** From now on the subscriber is handed every event; it holds them until its head is out. */
  add(subscriber: JobStreamSubscriber): void {
    this.subscribers.add(subscriber);
  }

  remove(subscriber: JobStreamSubscriber): void {
    this.subscribers.delete(subscriber);
  }

  private enqueue(event: JobEvent): void {
    // Nobody to send it to: a stream opened later starts from a snapshot or a replay that covers it.
    if (!this.subscribers.size) return;
    const now = performance.now();
    this.queue.push(event);
    this.queuedAt.push(now);
    this.flushTimer ??= setTimeout(() => this.flush(), Math.max(0, this.lastFlushEnd + this.gapMs - now));
  }

  private flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (!this.queue.length) return;
    const flushAt = performance.now();
    const busy = this.queue.length > BUSY_FLUSH_EVENTS || this.eventsInLastSecond(this.queue.length) > BUSY_EVENTS_PER_SECOND;
    this.gapMs = busy ? BUSY_FLUSH_GAP_MS : FLUSH_GAP_MS;
    // A quiet window's events all go, so a stream then carries each step, as a Last-Event-ID replay does.
    const events = busy ? latestStatePerJob(this.queue) : this.queue;
    const queuedAt = this.queuedAt;
    this.queue = [];
    this.queuedAt = [];
    const batch = new EventBatch(events);
    // Every stream not following one job shares it (it shares the frames of the full batch).
    const summary = batch.subset(new Set(this.batchSummary.summarise(events)));
    for (const subscriber of this.subscribers) subscriber.deliver(subscriber.filter.followsOneJob ? batch : summary);
    this.lastFlushEnd = performance.now();
    this.metrics.flushed(queuedAt, flushAt, this.lastFlushEnd);
  }

  /** Events flushed in the last second, these `adding` included (one entry per flush). */
  private eventsInLastSecond(adding: number): number {
    const now = performance.now();
    this.recentFlushes.push({ at: now, events: adding });
    while (this.recentFlushes[0].at < now - 1000) this.recentFlushes.shift();
    return this.recentFlushes.reduce((sum, f) => sum + f.events, 0);
  }

  private pingAll(): void {
    for (const subscriber of this.subscribers) subscriber.ping();
  }

  /** Sends what is queued, then ends every stream. */
  private endAll(): void {
    this.flush();
    for (const subscriber of this.subscribers) subscriber.end();
    this.subscribers.clear();
  }
}
