import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { JOB_TYPES, type JobType } from '@atelier/contracts';
import { JobDispatcher, type AbortReason, type DispatchHandler, type EnqueueOptions } from '@atelier/jobs';
import type { CancelChannel } from '../cancel/cancel-channel';
import type { DispatchJob, QueueDriver, QueueHandle, WorkerHandle } from './queue-driver';
import { Slots } from './slots';

export interface BullMqDispatcherOptions {
  driver: QueueDriver;
  cancel: CancelChannel;
  /** Jobs this process runs at once, all types together. */
  concurrency: number;
  /** Per-type caps (per process); types not listed use `concurrency`. */
  typeConcurrency: Partial<Record<string, number>>;
  /** Lock of a running job; the stalled check runs at the same interval. */
  lockDurationMs: number;
}

/** BullMQ priorities run lowest first (1 … 2 097 151, 0 = none and before all); Atelier's run highest first. */
export function bullPriorityOf(priority: number): number {
  return Math.min(2_097_151, Math.max(1, 1_000_000 - Math.round(priority)));
}

/** Lets a dead worker's job be re-delivered a few times before BullMQ gives up on that entry. */
const MAX_STALLED = 3;

const SHUTDOWN_STEP_MS = 3_000;

/**
 * Distributed dispatch on BullMQ: one queue per job type (so each type has its own concurrency),
 * a process-wide cap over them, jobs that carry only the Atelier id. Atelier owns attempts and
 * backoff (a retry is a new delayed entry), so a BullMQ entry is attempted once; stalled-job
 * detection re-delivers the entry of a worker that died, and the runner re-queues that attempt.
 * Cancel reaches the worker holding a job through the cancel channel.
 */
export class BullMqDispatcher extends JobDispatcher {
  private readonly logger = new Logger('BullMqDispatcher');
  private readonly queues = new Map<JobType, QueueHandle>();
  private workers: WorkerHandle[] = [];
  private readonly running = new Map<string, Set<AbortController>>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly slots: Slots;
  private handler?: DispatchHandler;
  private accepting = false;

  constructor(private readonly options: BullMqDispatcherOptions) {
    super();
    this.slots = new Slots(options.concurrency);
  }

  async enqueue(jobId: string, { type, priority, delay }: EnqueueOptions): Promise<void> {
    await this.add(type, jobId, bullPriorityOf(priority), delay);
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
    const { concurrency, typeConcurrency, lockDurationMs } = this.options;
    for (const type of JOB_TYPES) {
      const worker = this.options.driver.worker(queueNameOf(type), (job) => this.track(this.process(job, type)), {
        concurrency: Math.max(1, Math.min(typeConcurrency[type] ?? concurrency, concurrency)),
        lockDuration: lockDurationMs,
        stalledInterval: lockDurationMs,
        maxStalledCount: MAX_STALLED,
      });
      worker.on('error', (err) => this.logger.warn(`${type} worker: ${err.message}`));
      worker.on('failed', (job, err) => this.logger.error(`${type} queue entry ${job?.id ?? '?'} failed in BullMQ: ${err.message}`));
      this.workers.push(worker);
    }
    await Promise.all(this.workers.map((w) => w.waitUntilReady()));
  }

  async stop(graceMs: number): Promise<void> {
    this.accepting = false;
    const workers = this.workers;
    this.workers = [];
    await this.bounded('pausing the workers', Promise.all(workers.map((w) => w.pause(true).catch(() => undefined))));
    if (this.inFlight.size) {
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
      await Promise.race([Promise.all(this.inFlight), grace]);
      clearTimeout(timer);
      for (const controllers of this.running.values()) for (const c of controllers) c.abort('shutdown' satisfies AbortReason);
      await Promise.all(this.inFlight);
    }
    const closing = Promise.all(workers.map((w) => w.close().catch((err: Error) => this.logger.warn(`closing a worker: ${err.message}`))));
    if (!(await this.bounded('closing the workers', closing))) await Promise.all(workers.map((w) => w.close(true).catch(() => undefined)));
  }

  isRunning(jobId: string): boolean {
    return (this.running.get(jobId)?.size ?? 0) > 0;
  }

  runningCount(): number {
    let n = 0;
    for (const controllers of this.running.values()) n += controllers.size;
    return n;
  }

  /** Stops workers (if any) and closes queues and the cancel channel. */
  async close(): Promise<void> {
    await this.stop(0);
    const queues = [...this.queues.values()];
    this.queues.clear();
    await this.bounded('closing the queues', Promise.all(queues.map((q) => q.close().catch(() => undefined))));
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

  private queue(type: JobType): QueueHandle {
    let queue = this.queues.get(type);
    if (!queue) {
      queue = this.options.driver.queue(queueNameOf(type));
      queue.on('error', (err) => this.logger.warn(`${type} queue: ${err.message}`));
      this.queues.set(type, queue);
    }
    return queue;
  }

  private async add(type: JobType, jobId: string, bullPriority: number, delay?: number): Promise<void> {
    // A fresh entry id per hand-out: BullMQ ignores an id it still holds, and a retry is handed out while its last entry is active.
    const entryId = `${jobId}.${randomUUID().slice(0, 8)}`;
    await this.queue(type).add(type, { id: jobId }, { jobId: entryId, priority: bullPriority, delay: delay && delay > 0 ? Math.ceil(delay) : undefined });
  }

  private track(work: Promise<void>): Promise<void> {
    this.inFlight.add(work);
    return work.finally(() => this.inFlight.delete(work));
  }

  private async process(job: DispatchJob, type: JobType): Promise<void> {
    const id = job.data.id;
    // A second start of this entry means the worker that held it stopped renewing its lock.
    const redelivered = (job.stalledCounter ?? 0) > 0 || (job.attemptsStarted ?? 1) > 1;
    await this.slots.acquire();
    try {
      if (!this.accepting || !this.handler) {
        // Taken while this process was stopping: hand it back for another worker.
        await this.add(type, id, job.opts.priority ?? bullPriorityOf(0));
        return;
      }
      const controller = new AbortController();
      let mine = this.running.get(id);
      if (!mine) this.running.set(id, (mine = new Set()));
      mine.add(controller);
      try {
        await this.handler(id, type, controller.signal, { redelivered });
      } finally {
        mine.delete(controller);
        if (mine.size === 0 && this.running.get(id) === mine) this.running.delete(id);
      }
    } finally {
      this.slots.release();
    }
  }

  private abortLocal(jobId: string): void {
    for (const c of this.running.get(jobId) ?? []) c.abort('cancelled' satisfies AbortReason);
  }
}

export function queueNameOf(type: JobType): string {
  return `jobs-${type}`;
}
