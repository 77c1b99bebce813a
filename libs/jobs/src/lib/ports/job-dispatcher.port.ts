import type { JobType } from '@atelier/contracts';

export interface EnqueueOptions {
  type: JobType;
  priority: number;
  /** Milliseconds to wait before the job may start. */
  delay?: number;
}

/**
 * Why a running handler's signal was aborted: the job was cancelled, or this process is
 * shutting down and the job must be re-queued.
 */
export type AbortReason = 'cancelled' | 'shutdown';

/** What a dispatcher knows about one hand-out of an id. */
export interface DispatchDelivery {
  /**
   * The queue handed this id out again because the worker that held it stopped renewing its
   * claim (it died): a job the store still marks running is an interrupted attempt.
   */
  redelivered?: boolean;
}

/** The function a dispatcher calls with each job id it hands out. It must not reject. */
export type DispatchHandler = (jobId: string, type: JobType, signal: AbortSignal, delivery?: DispatchDelivery) => Promise<void>;

/** Hands job ids to workers. Embedded: in-process priority queue. Distributed: BullMQ. */
export abstract class JobDispatcher {
  abstract enqueue(jobId: string, options: EnqueueOptions): Promise<void>;
  /** Forgets a queued id and aborts the handler of a running one (reason `cancelled`). */
  abstract cancel(jobId: string): Promise<void>;
  /** Starts handing ids to `handler` (only in processes that run workers). */
  abstract start(handler: DispatchHandler): Promise<void>;
  /** Stops taking jobs; after `graceMs`, aborts running handlers (reason `shutdown`) and waits for them. */
  abstract stop(graceMs: number): Promise<void>;
  /** Jobs this process is running now. */
  abstract runningCount(): number;
  /** Whether this process runs a handler of `jobId` now. */
  abstract isRunning(jobId: string): boolean;
}
