import { Logger } from '@nestjs/common';
import type { JobType } from '@atelier/contracts';
import { JobTimeoutError } from '@atelier/platform';
import type { AbortReason, DispatchDelivery } from '../ports/job-dispatcher.port';
import type { JobContext } from '../handlers/job-handler';
import type { JobHandlerRegistry } from '../handlers/job-handler.registry';
import type { JobLifecycle } from './job-lifecycle';

/**
 * The one wrapper every job attempt runs through: start, context, timeout, then complete or
 * fail. Handlers never touch status or events. Errors reach the retry policy intact.
 */
export class JobRunner {
  private readonly logger = new Logger('JobRunner');

  constructor(
    private readonly lifecycle: JobLifecycle,
    private readonly registry: JobHandlerRegistry,
    /** Whether a job of this type must stay queued for now (its queue is paused). */
    private readonly holds: (type: JobType) => Promise<boolean> = async () => false,
  ) {}

  /** The dispatcher's handler. Never rejects: every outcome is recorded on the job. */
  readonly run = async (jobId: string, type: JobType, dispatchSignal: AbortSignal, delivery?: DispatchDelivery): Promise<void> => {
    try {
      // A re-delivery of a job still marked running: its worker died mid-attempt. Re-queue it (counting the attempt).
      if (delivery?.redelivered && (await this.lifecycle.recoverAbandoned(jobId))) return;
      // A paused queue: the job stays queued and its entry is dropped; the resume hands it out again.
      if (await this.holds(type)) return;
      await this.attempt(jobId, type, dispatchSignal);
    } catch (err) {
      // Only a store failure lands here; the job stays as the store has it, and recovery picks it up.
      this.logger.error(`Job ${jobId} could not be recorded: ${(err as Error).message}`, (err as Error).stack);
    }
  };

  private async attempt(jobId: string, type: JobType, dispatchSignal: AbortSignal): Promise<void> {
    const handler = this.registry.get(type);
    if (!handler.run) return;
    const job = await this.lifecycle.start(jobId);
    if (!job) return;

    const controller = new AbortController();
    const forward = () => controller.abort(dispatchSignal.reason);
    if (dispatchSignal.aborted) forward();
    else dispatchSignal.addEventListener('abort', forward, { once: true });
    const policy = this.lifecycle.policyOf(job);
    const timer = setTimeout(
      () => controller.abort(new JobTimeoutError(`Timed out after ${policy.timeoutMs} ms (attempt ${job.attempts} of ${job.max_attempts})`)),
      policy.timeoutMs,
    );
    const live = () => !controller.signal.aborted;
    let lastStep: string | undefined;
    const ctx: JobContext = {
      job: job as JobContext['job'],
      signal: controller.signal,
      progress: async (step, total, label, fraction) => {
        // The timeline keeps each step once, not each progress report within it.
        if (live() && `${step}/${total}/${label}` !== lastStep) {
          lastStep = `${step}/${total}/${label}`;
          this.lifecycle.timeline.step(job, step, total, label);
        }
        if (live()) await this.lifecycle.progress(jobId, step, total, label, fraction).catch((e) => this.logger.warn(`progress of ${jobId}: ${e}`));
      },
      annotate: async (metadata) => {
        if (live()) await this.lifecycle.annotate(jobId, metadata).catch((e) => this.logger.warn(`metadata of ${jobId}: ${e}`));
      },
    };

    const started = Date.now();
    try {
      const outcome = await raceAbort(handler.run(ctx), controller.signal);
      const completed = await this.lifecycle.complete(jobId, outcome);
      if (completed) this.logger.log(`${type} ${jobId} completed in ${Date.now() - started} ms`);
      else this.logger.log(`${type} ${jobId} ended elsewhere; its late result was discarded`);
    } catch (err) {
      const reason: unknown = controller.signal.aborted ? controller.signal.reason : undefined;
      if (reason === ('cancelled' satisfies AbortReason)) {
        this.logger.log(`${type} ${jobId} cancelled while running`);
      } else if (reason === ('shutdown' satisfies AbortReason)) {
        await this.lifecycle.requeueInterrupted(jobId, false, this.lifecycle.workers.id);
      } else {
        await this.lifecycle.failAttempt(jobId, reason instanceof JobTimeoutError ? reason : err);
      }
    } finally {
      clearTimeout(timer);
      dispatchSignal.removeEventListener('abort', forward);
    }
  }
}

/**
 * Settles with the work, or rejects as soon as the signal aborts (a handler that ignores its
 * signal is left behind). The work's own outcome is always observed, even when the signal was
 * already aborted: an abandoned handler that rejects later must not become an unhandled rejection.
 */
export function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
