import { Logger } from '@nestjs/common';
import type { Job } from '@atelier/contracts';
import type { JobStore } from '../ports/job-store.port';
import type { JobEventBus } from '../ports/job-event-bus.port';
import type { JobDispatcher } from '../ports/job-dispatcher.port';
import type { JobLifecycle } from './job-lifecycle';
import type { JobWorkers } from './job-workers';

const PAGE = 500;

/** Restart recovery and retention: the engine's housekeeping. */
export class JobMaintenance {
  private readonly logger = new Logger('JobMaintenance');

  constructor(
    private readonly store: JobStore,
    private readonly bus: JobEventBus,
    private readonly lifecycle: JobLifecycle,
    private readonly workers: JobWorkers,
    private readonly dispatcher: JobDispatcher,
  ) {}

  /**
   * Jobs marked running that no worker runs: their worker stopped heartbeating (killed, lost its
   * machine or its database), or it is this process and its runner could not record the end (a
   * store error). Each is re-queued with the attempt counted, or failed past max_attempts, as the
   * retry policy says; the transition is conditional on the job still being that worker's, so
   * sweeps on several nodes at once act once. Parents are skipped: their status follows their
   * children.
   */
  async sweepOrphans(): Promise<number> {
    const live = await this.workers.liveIds();
    let swept = 0;
    for await (const job of this.scan(['running'])) {
      if (job.child_ids.length > 0 || !job.worker_id) continue;
      const orphaned = job.worker_id === this.workers.id ? !this.dispatcher.isRunning(job.job_id) : !live.has(job.worker_id);
      if (!orphaned) continue;
      this.logger.warn(`${job.type} ${job.job_id} is running on worker ${job.worker_id}, which no longer runs it; re-queueing (attempt ${job.attempts})`);
      await this.lifecycle.requeueInterrupted(job.job_id, true, job.worker_id);
      swept++;
    }
    return swept;
  }

  /**
   * After a crash (embedded: every job marked running was this process's): re-queue running jobs,
   * counting the interrupted attempt, or fail them past max_attempts; then hand every queued job
   * back to the dispatcher.
   */
  async recover(): Promise<{ requeued: number; resumed: number }> {
    let requeued = 0;
    for await (const job of this.scan(['running'])) {
      if (job.child_ids.length > 0) continue;
      await this.lifecycle.requeueInterrupted(job.job_id, true);
      requeued++;
    }
    const resumed = await this.resumeQueued();
    if (requeued || resumed) this.logger.log(`Recovered ${requeued} interrupted and ${resumed} queued job(s)`);
    return { requeued, resumed };
  }

  /**
   * Hands every queued job to the dispatcher again (a queue that lost its memory, e.g. a Redis
   * restart without persistence). Duplicates are harmless: a second start is refused.
   */
  async resumeQueued(type?: Job['type']): Promise<number> {
    let resumed = 0;
    for await (const job of this.scan(['queued'])) {
      if (type && job.type !== type) continue;
      await this.lifecycle.schedule(job);
      resumed++;
    }
    return resumed;
  }

  /** Deletes top-level jobs that finished more than `retentionMs` ago (children go with them). */
  async cleanup(retentionMs: number): Promise<number> {
    const before = new Date(Date.now() - retentionMs).toISOString();
    let total = 0;
    for (;;) {
      const ids = await this.store.deleteFinishedBefore(before, PAGE);
      for (const id of ids) await this.bus.publish({ event: 'job.deleted', data: { job_id: id } });
      total += ids.length;
      if (ids.length < PAGE) break;
    }
    if (total) this.logger.log(`Retention: deleted ${total} finished job(s)`);
    return total;
  }

  private async *scan(statuses: ('queued' | 'running')[]): AsyncGenerator<Job> {
    let after: string | undefined;
    for (;;) {
      const page = await this.store.scan(statuses, after, PAGE);
      yield* page;
      if (page.length < PAGE) return;
      after = page[page.length - 1].job_id;
    }
  }
}
