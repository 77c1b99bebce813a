import { Logger } from '@nestjs/common';
import { isFinished, type Job, type JobEventName, type JobStatus } from '@atelier/contracts';
import type { JobStore, JobPatch } from '../ports/job-store.port';
import type { JobEventBus } from '../ports/job-event-bus.port';
import type { JobDispatcher } from '../ports/job-dispatcher.port';
import type { JobOutcome } from '../handlers/job-handler';
import type { JobPolicy } from './job-options';
import { JobGraph } from './job-graph';
import { retryAfterOf, toJobError } from './job-errors';
import type { JobMetrics } from './job-metrics';

const EVENT_OF: Record<JobStatus, JobEventName> = {
  queued: 'job.updated',
  running: 'job.updated',
  completed: 'job.completed',
  failed: 'job.failed',
  cancelled: 'job.cancelled',
};

export type PolicyOf = (job: Pick<Job, 'type'>) => JobPolicy;

/** What every start of an attempt sets. */
const STARTING = { status: 'running', finished_at: null, run_at: null, error: null, step_label: 'Starting' } as const satisfies JobPatch;

/**
 * Every state change of a job goes through here: one conditional update per transition, parent
 * aggregation in the same transaction, then the events and the dispatch that follow.
 */
export class JobLifecycle {
  private readonly logger = new Logger('Jobs');

  constructor(
    readonly store: JobStore,
    private readonly bus: JobEventBus,
    private readonly dispatcher: JobDispatcher,
    readonly graph: JobGraph,
    readonly policyOf: PolicyOf,
    private readonly metrics?: JobMetrics,
  ) {}

  async publish(jobs: (Job | undefined)[], created = false): Promise<void> {
    for (const job of jobs) {
      if (job) await this.bus.publish({ event: created ? 'job.created' : EVENT_OF[job.status], data: job });
    }
  }

  /** Hands a queued job to the dispatcher when its dependencies allow; fails it when one broke. */
  async schedule(job: Job): Promise<void> {
    if (job.status !== 'queued' || job.child_ids.length > 0) return;
    const deps = await this.graph.dependencyState(this.store, job);
    if (deps.kind === 'waiting') return;
    if (deps.kind === 'broken') {
      const d = deps.dependency;
      await this.end(job.job_id, ['queued'], 'failed', {
        error: { message: `Dependency "${d.title}" (${d.job_id}) ${d.status}`, code: 'dependency_failed', retryable: false },
      });
      return;
    }
    const delay = job.run_at ? Date.parse(job.run_at) - Date.now() : 0;
    await this.dispatcher.enqueue(job.job_id, { type: job.type, priority: job.priority, delay: delay > 0 ? delay : undefined });
  }

  /** queued → running. Answers undefined (and changes nothing) when the job may not start now. */
  async start(id: string): Promise<Job | undefined> {
    // The common case, a due job with no parent and no dependencies, is one conditional update.
    const started = await this.store.transition(id, ['queued'], { ...STARTING, started_at: new Date().toISOString(), addAttempt: true }, {
      topLevel: true,
      independent: true,
      dueBy: new Date(Date.now() + 5).toISOString(),
    });
    if (!started) return this.startChecked(id);
    await this.publish([started]);
    this.metrics?.started(started);
    return started;
  }

  /** start() for the other cases: reads the job, then checks its schedule, its dependencies and its parent. */
  private async startChecked(id: string): Promise<Job | undefined> {
    const job = await this.store.get(id);
    if (!job || job.status !== 'queued') return undefined;
    if (job.run_at && Date.parse(job.run_at) > Date.now() + 5) {
      await this.schedule(job);
      return undefined;
    }
    if ((await this.graph.dependencyState(this.store, job)).kind !== 'ready') return undefined;
    const patch: JobPatch = { ...STARTING, started_at: new Date().toISOString(), attempts: job.attempts + 1 };
    // Without a parent to re-aggregate, the transition is one conditional update: no transaction needed.
    const [started, parent] = !job.parent_id
      ? [await this.store.transition(id, ['queued'], patch), undefined]
      : await this.store.transaction(async (s) => {
          const j = await s.transition(id, ['queued'], patch);
          return [j, j?.parent_id ? await this.refreshParent(s, j.parent_id) : undefined] as const;
        }, job.parent_id);
    await this.publish([started, finalOnly(parent)]);
    if (started) this.metrics?.started(started);
    return started;
  }

  async progress(id: string, step: number, total: number, label: string, fraction?: number): Promise<void> {
    const progress = Math.min(1, Math.max(0, fraction ?? (total > 0 ? step / total : 0)));
    const job = await this.store.updateProgress(id, { progress, current_step: step, total_steps: total, step_label: label });
    if (!job) return;
    await this.publish([job]);
    if (!job.parent_id) return;
    const parent = await this.store.transaction((s) => this.refreshParent(s, job.parent_id!), job.parent_id);
    await this.publish([finalOnly(parent)]);
  }

  async annotate(id: string, metadata: Record<string, unknown>): Promise<void> {
    const job = await this.store.get(id);
    if (!job || job.status !== 'running') return;
    await this.store.transition(id, ['running'], { metadata: { ...job.metadata, ...metadata } });
  }

  /** running → completed, writing the outcome's records in the same transaction. False when the job was no longer running. */
  async complete(id: string, outcome: JobOutcome): Promise<boolean> {
    const ended = await this.end(id, ['running'], 'completed', { result: outcome.result, progress: 1, error: null }, outcome.persist);
    return ended !== undefined;
  }

  /** A failed attempt: retried with backoff while attempts remain and the error is retryable, else final. */
  async failAttempt(id: string, err: unknown): Promise<void> {
    const job = await this.store.get(id);
    if (!job || job.status !== 'running') return;
    const error = toJobError(err);
    if (error.retryable && job.attempts < job.max_attempts) {
      const delay = Math.max(this.policyOf(job).backoffMs(job.attempts), retryAfterOf(err));
      const runAt = new Date(Date.now() + delay).toISOString();
      const queued = await this.store.transition(id, ['running'], {
        status: 'queued',
        run_at: runAt,
        step_label: `Attempt ${job.attempts} failed (${error.message}); retrying in ${Math.ceil(delay / 1000)} s`,
        metadata: { ...job.metadata, last_error: error },
      });
      if (!queued) return;
      this.logger.warn(`${job.type} ${id} attempt ${job.attempts}/${job.max_attempts} failed, retrying in ${delay} ms: ${error.message}`);
      await this.publish([queued]);
      await this.dispatcher.enqueue(id, { type: job.type, priority: job.priority, delay });
      return;
    }
    this.logger.warn(`${job.type} ${id} failed after ${job.attempts} attempt(s): ${error.message}`);
    await this.end(id, ['running'], 'failed', { error });
  }

  /** A running job interrupted by shutdown or a crash goes back to the queue. */
  async requeueInterrupted(id: string, countAttempt: boolean): Promise<void> {
    const job = await this.store.get(id);
    if (!job || job.status !== 'running') return;
    if (countAttempt && job.attempts >= job.max_attempts) {
      await this.end(id, ['running'], 'failed', {
        error: { message: `Interrupted while running (attempt ${job.attempts} of ${job.max_attempts})`, code: 'interrupted', retryable: true },
      });
      return;
    }
    const queued = await this.store.transition(id, ['running'], {
      status: 'queued',
      attempts: countAttempt ? job.attempts : Math.max(0, job.attempts - 1),
      step_label: 'Interrupted; waiting to run again',
    });
    await this.publish([queued]);
    if (queued) await this.schedule(queued);
  }

  /**
   * A job whose worker died while holding it (the queue re-delivered its id). Running: re-queued
   * with the attempt counted, or failed past max_attempts. Ended: what follows the end is done
   * again where missing (see completeEnding). False when the job is still to be started here.
   */
  async recoverAbandoned(id: string): Promise<boolean> {
    const job = await this.store.get(id);
    if (job && isFinished(job.status)) {
      await this.completeEnding(job);
      return true;
    }
    if (!job || job.status !== 'running') return false;
    this.logger.warn(`${job.type} ${id} was abandoned by a worker that stopped (attempt ${job.attempts}); re-queueing`);
    await this.requeueInterrupted(id, true);
    return true;
  }

  /**
   * Moves a job to a final status (conditional on `from`), re-aggregates its parent in the same
   * transaction, publishes, and releases or fails the jobs that depend on it.
   */
  async end(
    id: string,
    from: readonly JobStatus[],
    status: 'completed' | 'failed' | 'cancelled',
    patch: JobPatch,
    persist?: JobOutcome['persist'],
  ): Promise<Job | undefined> {
    const label = { completed: 'Completed', failed: 'Failed', cancelled: 'Cancelled' }[status];
    const finalPatch: JobPatch = { step_label: label, ...patch, status, finished_at: new Date().toISOString() };
    // Nothing to write with it and no parent to re-aggregate: one conditional update, no read first.
    const alone = persist ? undefined : await this.store.transition(id, from, finalPatch, { topLevel: true });
    const [job, parent] = alone
      ? [alone, undefined]
      : await this.endChecked(id, from, finalPatch, persist);
    if (!job) return undefined;
    await this.publish([job, finalOnly(parent)]);
    this.metrics?.finished(job);
    if (parent && isFinished(parent.status)) {
      this.metrics?.finished(parent);
      await this.releaseDependents(parent);
    }
    await this.releaseDependents(job);
    return job;
  }

  /** end() for a job with a parent or with records to write: one transaction holding the parent's lock. */
  private async endChecked(
    id: string,
    from: readonly JobStatus[],
    finalPatch: JobPatch,
    persist?: JobOutcome['persist'],
  ): Promise<readonly [Job | undefined, Job | undefined]> {
    const current = await this.store.get(id);
    if (!current) return [undefined, undefined];
    if (!persist && !current.parent_id) return [await this.store.transition(id, from, finalPatch), undefined];
    return this.store.transaction(async (s, tx) => {
      const j = await s.transition(id, from, finalPatch);
      if (!j) return [undefined, undefined] as const;
      if (persist) await persist(tx);
      return [j, j.parent_id ? await this.refreshParent(s, j.parent_id) : undefined] as const;
    }, current.parent_id ?? undefined);
  }

  /**
   * Re-aggregates a parent. Its progress events are published while its row lock is held, so
   * children of one parent ending at once on different workers cannot publish its progress out
   * of order. Its final event is published by the caller after the commit (see finalOnly), so
   * whoever reacts to it reads the committed children.
   */
  async refreshParent(store: JobStore, parentId: string): Promise<Job | undefined> {
    const parent = await this.graph.refreshParent(store, parentId);
    if (parent && !isFinished(parent.status)) await this.publish([parent]);
    return parent;
  }

  /**
   * An end is committed before its events are published and its dependents released; a worker
   * that stopped in between left the job ended without them. The final event is never dropped
   * (API.md): it is published again unless it is the newest event of the job still retained (so a
   * stream that has it does not get it twice), for the job and for a parent its end finished.
   * Releasing dependents again is harmless: a second start of a job is refused.
   */
  private async completeEnding(job: Job): Promise<void> {
    const parent = job.parent_id ? await this.store.get(job.parent_id) : undefined;
    const ended = parent && isFinished(parent.status) ? [job, parent] : [job];
    for (const j of ended) {
      const latest = await this.bus.latestOf(j.job_id);
      if (latest?.event === EVENT_OF[j.status]) continue;
      this.logger.warn(`${j.type} ${j.job_id} ended (${j.status}) on a worker that stopped before publishing it; publishing its final event`);
      await this.publish([j]);
    }
    for (const j of [...ended].reverse()) await this.releaseDependents(j);
  }

  private async releaseDependents(job: Job): Promise<void> {
    for (const id of await this.store.dependents(job.job_id)) {
      const dependent = await this.store.get(id);
      if (dependent) await this.schedule(dependent);
    }
  }
}

/** A parent whose event still has to be published after the commit: only a finished one. */
function finalOnly(parent: Job | undefined): Job | undefined {
  return parent && isFinished(parent.status) ? parent : undefined;
}
