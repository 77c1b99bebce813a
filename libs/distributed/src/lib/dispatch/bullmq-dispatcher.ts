import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DelayedError } from 'bullmq';
import type { JobType } from '@atelier/contracts';
import { JobDispatcher, type AbortReason, type DispatchHandler, type EnqueueOptions } from '@atelier/jobs';
import type { CancelChannel } from '../cancel/cancel-channel';
import { migrateLegacyQueues } from './legacy-queues';
import type { DispatchJob, QueueDriver, QueueHandle, WorkerHandle } from './queue-driver';
import { retryConnectionFaults } from '../connections/connection-faults';
import { TypeCaps, parkDelayOf } from './type-caps';

export interface BullMqDispatcherOptions {
  driver: QueueDriver;
  cancel: CancelChannel;
  /** Jobs this process runs at once, all types together. */
  concurrency: number;
  /** Per-type caps (per process); types not listed use `concurrency`. */
  typeConcurrency: Partial<Record<string, number>>;
  /** Lock of a running job; renewed every half of it, and checked for stalls every fifth. */
  lockDurationMs: number;
}

/** The one queue every job type shares, so priorities hold across types. */
export const QUEUE_NAME = 'jobs';

/** BullMQ priorities run lowest first (1 … 2 097 151, 0 = none and before all); Atelier's run highest first. */
export function bullPriorityOf(priority: number): number {
  return Math.min(2_097_151, Math.max(1, 1_000_000 - Math.round(priority)));
}

/** How often the lock of a dead worker's entries is looked at: a dead worker's jobs move on within 1.2 × the lock. */
export function stalledIntervalOf(lockDurationMs: number): number {
  return Math.max(200, Math.round(lockDurationMs / 5));
}

/** Lets a dead worker's job be re-delivered a few times before BullMQ gives up on that entry. */
const MAX_STALLED = 3;

const SHUTDOWN_STEP_MS = 3_000;
// How much longer than its parked entry a process that keeps getting it back stays out of the race.
const PARK_MARGIN_MS = 100;

/**
 * Distributed dispatch on BullMQ: one queue for every job type and one BullMQ worker whose
 * concurrency is this process's, so the process never holds an entry it is not running; an entry
 * over its type's cap is parked (delayed a little) for any worker rather than held. Entries carry
 * only the Atelier id. Atelier owns attempts and backoff (a retry is a new delayed entry), so an
 * entry is attempted once; stalled-job detection re-delivers the entries of a worker that died,
 * and the runner re-queues that attempt. Cancel reaches the worker holding a job through the
 * cancel channel.
 */
export class BullMqDispatcher extends JobDispatcher {
  private readonly logger = new Logger('BullMqDispatcher');
  private queueHandle?: Promise<QueueHandle>;
  private worker?: WorkerHandle;
  private readonly running = new Map<string, Set<AbortController>>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly caps: TypeCaps;
  private handler?: DispatchHandler;
  private accepting = false;
  private closed = false;
  private fetchPause?: NodeJS.Timeout;
  private fetchControl: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: BullMqDispatcherOptions) {
    super();
    this.caps = new TypeCaps(options.concurrency, options.typeConcurrency);
  }

  /** Adds the entry, waiting out a datastore that refuses connections for now: an enqueue is never dropped. */
  async enqueue(jobId: string, { type, priority, delay }: EnqueueOptions): Promise<void> {
    await this.add(jobId, type, bullPriorityOf(priority), delay);
  }

  async cancel(jobId: string): Promise<void> {
    this.abortLocal(jobId);
    await this.options.cancel.publish(jobId);
  }

  async start(handler: DispatchHandler): Promise<void> {
    if (this.accepting) return;
    this.handler = handler;
    this.accepting = true;
    await this.options.cancel.subscribe((id) => this.abortLocal(id));
    const { concurrency, lockDurationMs } = this.options;
    const worker = await this.options.driver.worker(QUEUE_NAME, (job) => this.track(this.process(job)), {
      concurrency,
      lockDuration: lockDurationMs,
      stalledInterval: stalledIntervalOf(lockDurationMs),
      maxStalledCount: MAX_STALLED,
    });
    worker.on('error', (err) => this.logger.warn(`worker: ${err.message}`));
    worker.on('failed', (job, err) => this.logger.error(`queue entry ${job?.id ?? '?'} failed in BullMQ: ${err.message}`));
    if (!this.accepting) {
      await worker.close(true);
      return;
    }
    this.worker = worker;
    worker.run().catch((err: Error) => this.logger.error(`worker stopped: ${err.message}`));
  }

  async stop(graceMs: number): Promise<void> {
    this.accepting = false;
    clearTimeout(this.fetchPause);
    this.fetchPause = undefined;
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await this.bounded('pausing the worker', this.fetchControl.then(() => worker.pause(true)).catch(() => undefined));
    if (this.inFlight.size) {
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
      await Promise.race([Promise.all(this.inFlight), grace]);
      clearTimeout(timer);
      for (const controllers of this.running.values()) for (const c of controllers) c.abort('shutdown' satisfies AbortReason);
      await Promise.all(this.inFlight);
    }
    if (!worker) return;
    const closing = worker.close().catch((err: Error) => this.logger.warn(`closing the worker: ${err.message}`));
    if (!(await this.bounded('closing the worker', closing))) await worker.close(true).catch(() => undefined);
  }

  isRunning(jobId: string): boolean {
    return (this.running.get(jobId)?.size ?? 0) > 0;
  }

  runningCount(): number {
    let n = 0;
    for (const controllers of this.running.values()) n += controllers.size;
    return n;
  }

  /**
   * Moves the entries an earlier version left in its per-type queues to the one queue (at boot).
   * Answers how many moved.
   */
  migrateLegacyQueues(): Promise<number> {
    return migrateLegacyQueues(this.options.driver, (entry, type) =>
      this.add(entry.data.id, type, entry.opts.priority || bullPriorityOf(0), entry.timestamp + (entry.delay ?? 0) - Date.now()),
    );
  }

  /** Stops the worker (if any) and closes the queue, the driver and the cancel channel. */
  async close(): Promise<void> {
    await this.stop(0);
    this.closed = true;
    const queue = this.queueHandle;
    this.queueHandle = undefined;
    await this.bounded('closing the queue', (async () => (await queue?.catch(() => undefined))?.close())().catch(() => undefined));
    await this.bounded('closing the queue connections', this.options.driver.close().catch(() => undefined));
    await this.options.cancel.close();
  }

  /** BullMQ's pause/close can wait on a connection that a datastore restart left behind; shutdown must not. */
  private async bounded(step: string, work: Promise<unknown>, ms = SHUTDOWN_STEP_MS): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    const done = await Promise.race([work.then(() => true as const), late]);
    clearTimeout(timer);
    if (!done) this.logger.warn(`${step} took over ${ms} ms; going on`);
    return done;
  }

  private queue(): Promise<QueueHandle> {
    if (!this.queueHandle) {
      const opening = this.options.driver.queue(QUEUE_NAME).then((queue) => {
        queue.on('error', (err) => this.logger.warn(`queue: ${err.message}`));
        return queue;
      });
      // A failed open is tried again by the next add.
      opening.catch(() => this.queueHandle === opening && (this.queueHandle = undefined));
      this.queueHandle = opening;
    }
    return this.queueHandle;
  }

  private async add(jobId: string, type: JobType, bullPriority: number, delay?: number): Promise<void> {
    // A fresh entry id per hand-out (BullMQ ignores an id it still holds, and a retry is handed out while its
    // last entry is active), kept across the tries of this one, so a try that landed before its answer was lost counts once.
    const entryId = `${jobId}.${randomUUID().slice(0, 8)}`;
    const opts = { jobId: entryId, priority: bullPriority, delay: delay && delay > 0 ? Math.ceil(delay) : undefined };
    await retryConnectionFaults(`enqueueing ${jobId}`, () => this.closed, async () => {
      await (await this.queue()).add(type, { id: jobId }, opts);
    });
  }

  /** BullMQ sees what `work` throws (a hand-back); the shutdown waits for it to settle, whatever the outcome. */
  private track(work: Promise<void>): Promise<void> {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.add(settled);
    void settled.then(() => this.inFlight.delete(settled));
    return work;
  }

  private async process(job: DispatchJob): Promise<void> {
    const id = job.data.id;
    const type = job.name as JobType;
    // Taken while this process was stopping: hand it back at once for another worker.
    if (!this.accepting || !this.handler) return this.handBack(job, 0);
    if (!this.caps.take(type)) {
      const delay = parkDelayOf(job);
      // Parked here before and back already: nothing this process can run is ahead of it. Leave the next turn to others.
      if (this.caps.parkedHere(type, job)) this.pauseFetching(delay + PARK_MARGIN_MS);
      this.caps.park(type, job);
      return this.handBack(job, delay);
    }
    // A stall count means the worker that held this entry stopped renewing its lock (it died).
    const redelivered = (job.stalledCounter ?? 0) > 0;
    const controller = new AbortController();
    let mine = this.running.get(id);
    if (!mine) this.running.set(id, (mine = new Set()));
    mine.add(controller);
    let failed: unknown;
    try {
      await this.handler(id, type, controller.signal, { redelivered });
    } catch (err) {
      failed = err;
    } finally {
      mine.delete(controller);
      if (mine.size === 0 && this.running.get(id) === mine) this.running.delete(id);
      const next = this.caps.release(type);
      if (next) await next.promote().catch(() => undefined);
      this.resumeFetching();
    }
    if (failed !== undefined) {
      // The handler must not reject; if it does, the entry goes back rather than being dropped with its job.
      this.logger.error(`Job ${id}: the handler rejected (${(failed as Error)?.message ?? failed}); handing its entry back`);
      return this.handBack(job, 1000);
    }
  }

  /**
   * Stops the worker fetching for `ms` (or until a slot frees here), so workers with room for the
   * entries this one can only park get them. Pauses and resumes run in order, never overlapping.
   */
  private pauseFetching(ms: number): void {
    const worker = this.worker;
    if (!worker) return;
    clearTimeout(this.fetchPause);
    this.fetchPause = setTimeout(() => this.resumeFetching(), ms);
    this.fetchPause.unref();
    this.fetchControl = this.fetchControl.then(() => worker.pause(true)).catch(() => undefined);
  }

  private resumeFetching(): void {
    if (!this.fetchPause) return;
    clearTimeout(this.fetchPause);
    this.fetchPause = undefined;
    const worker = this.worker;
    this.fetchControl = this.fetchControl.then(() => (this.accepting && worker === this.worker ? worker?.resume() : undefined)).catch(() => undefined);
  }

  /** Returns the entry to the queue (delayed by `delayMs`) and tells BullMQ it is not ours to finish. */
  private async handBack(job: DispatchJob, delayMs: number): Promise<never> {
    await job.moveToDelayed(Date.now() + delayMs, job.token);
    throw new DelayedError();
  }

  private abortLocal(jobId: string): void {
    for (const c of this.running.get(jobId) ?? []) c.abort('cancelled' satisfies AbortReason);
  }
}
