import { Logger } from '@nestjs/common';
import { isFinished, type Job } from '@atelier/contracts';
import type { JobStore, JobPatch, TransitionGuard } from '../ports/job-store.port';
import type { JobEventBus } from '../ports/job-event-bus.port';
import type { JobDispatcher } from '../ports/job-dispatcher.port';
import type { JobOutcome } from '../handlers/job-handler';
import type { JobPolicy } from './job-options';
import { JobGraph } from './job-graph';
import { retryAfterOf, toJobError } from './job-errors';
import type { JobMetrics } from './job-metrics';
import { applyTransition, eventOf, type TransitionName } from './job-state-machine';
import type { WorkerPresence } from './worker-presence';
import type { JobTimelineRecorder } from './job-timeline-recorder';

export type PolicyOf = (job: Pick<Job, 'type'>) => JobPolicy;

/** The transitions that end a job. */
export type EndingTransition = Extract<TransitionName, 'complete' | 'fail' | 'failDependency' | 'cancel'>;

/**
 * Every state change of a job goes through here, as a named transition of the state machine
 * (job-state-machine.ts): one conditional update each, parent aggregation in the same
 * transaction, then the events and the dispatch that follow.
 */
export class JobLifecycle {
  private readonly logger = new Logger('Jobs');

  constructor(
    readonly store: JobStore,
    private readonly bus: JobEventBus,
    private readonly dispatcher: JobDispatcher,
    readonly graph: JobGraph,
    readonly policyOf: PolicyOf,
    readonly workers: WorkerPresence,
    readonly timeline: JobTimelineRecorder,
    private readonly metrics?: JobMetrics,
  ) {}

  async publish(jobs: (Job | undefined)[], created = false): Promise<void> {
    for (const job of jobs) {
      if (job) await this.bus.publish({ event: created ? 'job.created' : eventOf(job), data: job });
    }
  }

  /** Hands a queued job to the dispatcher when its dependencies allow; fails it when one broke. */
  async schedule(job: Job): Promise<void> {
    if (job.status !== 'queued' || job.child_ids.length > 0) return;
    const deps = await this.graph.dependencyState(this.store, job);
    if (deps.kind === 'waiting') return;
    if (deps.kind === 'broken') {
      const d = deps.dependency;
      await this.end(job.job_id, 'failDependency', {
        error: { message: `Dependency "${d.title}" (${d.job_id}) ${d.status}`, code: 'dependency_failed', retryable: false },
      });
      return;
    }
    const delay = job.run_at ? Date.parse(job.run_at) - Date.now() : 0;
    await this.dispatcher.enqueue(job.job_id, { type: job.type, priority: job.priority, delay: delay > 0 ? delay : undefined });
  }

  /** queued → running on this worker. Answers undefined (and changes nothing) when the job may not start now. */
  async start(id: string): Promise<Job | undefined> {
    // The common case, a due job with no parent and no dependencies, is one conditional update.
    const onThisWorker = { worker_id: this.workers.id };
    const started = await applyTransition(this.store, 'start', id, onThisWorker, {
      topLevel: true,
      independent: true,
      dueBy: new Date(Date.now() + 5).toISOString(),
    });
    if (!started) return this.startChecked(id);
    this.timeline.started(started);
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
    const onThisWorker = { worker_id: this.workers.id };
    // Without a parent to re-aggregate, the transition is one conditional update: no transaction needed.
    const [started, parents] = !job.parent_id
      ? [await applyTransition(this.store, 'start', id, onThisWorker), []]
      : await this.store.transaction(async (s) => {
          const j = await applyTransition(s, 'start', id, onThisWorker);
          return [j, j?.parent_id ? await this.refreshParent(s, j.parent_id) : []] as const;
        }, job.parent_id);
    if (started) this.timeline.started(started);
    await this.publish([started, ...finalOnly(parents)]);
    if (started) this.metrics?.started(started);
    return started;
  }

  async progress(id: string, step: number, total: number, label: string, fraction?: number): Promise<void> {
    const progress = Math.min(1, Math.max(0, fraction ?? (total > 0 ? step / total : 0)));
    const job = await this.store.updateProgress(id, { progress, current_step: step, total_steps: total, step_label: label });
    if (!job) return;
    await this.publish([job]);
    if (!job.parent_id) return;
    const parents = await this.store.transaction((s) => this.refreshParent(s, job.parent_id!, true), job.parent_id);
    await this.publish(finalOnly(parents));
  }

  /** Merges keys into a running job's metadata, atomically (concurrent merges keep every key). */
  async annotate(id: string, metadata: Record<string, unknown>): Promise<void> {
    await this.store.mergeMetadata(id, metadata);
  }

  /** running → completed, writing the outcome's records in the same transaction. False when the job was no longer running. */
  async complete(id: string, outcome: JobOutcome): Promise<boolean> {
    const ended = await this.end(id, 'complete', { result: outcome.result }, outcome.persist, this.mine());
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
      const queued = await applyTransition(this.store, 'backoff', id, {
        run_at: runAt,
        worker_id: null,
        step_label: `Attempt ${job.attempts} failed (${error.message}); retrying in ${Math.ceil(delay / 1000)} s`,
        metadata: { ...job.metadata, last_error: error },
      }, this.mine());
      if (!queued) return;
      this.timeline.attemptFailed(job, error, runAt);
      this.logger.warn(`${job.type} ${id} attempt ${job.attempts}/${job.max_attempts} failed, retrying in ${delay} ms: ${error.message}`);
      await this.publish([queued]);
      await this.dispatcher.enqueue(id, { type: job.type, priority: job.priority, delay });
      return;
    }
    this.logger.warn(`${job.type} ${id} failed after ${job.attempts} attempt(s): ${error.message}`);
    await this.end(id, 'fail', { error }, undefined, this.mine());
  }

  /** Only a job this worker runs: a worker whose job was taken over (it stopped heartbeating) cannot end it. */
  private mine(): TransitionGuard {
    return { ownedBy: this.workers.id };
  }

  /**
   * A running job interrupted by shutdown, a crash or a dead worker goes back to the queue (failed
   * instead when the interrupted attempt was its last). `ownedBy` limits this to the job as that
   * worker ran it, so a late decision cannot take a job another worker has started since.
   */
  async requeueInterrupted(id: string, countAttempt: boolean, ownedBy?: string): Promise<void> {
    const job = await this.store.get(id);
    if (!job || job.status !== 'running') return;
    const guard: TransitionGuard | undefined = ownedBy === undefined ? undefined : { ownedBy };
    if (countAttempt && job.attempts >= job.max_attempts) {
      const error = { message: `Interrupted while running (attempt ${job.attempts} of ${job.max_attempts})`, code: 'interrupted', retryable: true };
      await this.end(id, 'fail', { error }, undefined, guard);
      return;
    }
    const attempts = countAttempt ? job.attempts : Math.max(0, job.attempts - 1);
    const queued = await applyTransition(this.store, 'requeue', id, { attempts, worker_id: null }, guard);
    if (queued) this.timeline.interrupted(job, countAttempt);
    await this.publish([queued]);
    if (queued) await this.schedule(queued);
  }

  /**
   * A job whose queue entry was handed out again because the worker holding it stopped renewing
   * its claim. Running on a live worker (a claim lost to a slow renewal, or a job the sweep
   * already moved): left alone. Running on a worker that is gone: re-queued, the attempt counted.
   * Ended: what follows the end is done again where missing (see completeEnding). False when the
   * job is still to be started here.
   */
  async recoverAbandoned(id: string): Promise<boolean> {
    const job = await this.store.get(id);
    if (job && isFinished(job.status)) {
      await this.completeEnding(job);
      return true;
    }
    if (!job || job.status !== 'running') return false;
    if (job.worker_id && (await this.workers.isLive(job.worker_id))) return true;
    this.logger.warn(`${job.type} ${id} was abandoned by a worker that stopped (attempt ${job.attempts}); re-queueing`);
    await this.requeueInterrupted(id, true, job.worker_id ?? undefined);
    return true;
  }

  /**
   * Moves a job to a final status by an ending transition, re-aggregates its parent in the same
   * transaction, publishes, and releases or fails the jobs that depend on it.
   */
  async end(id: string, transition: EndingTransition, values: JobPatch, persist?: JobOutcome['persist'], guard?: TransitionGuard): Promise<Job | undefined> {
    // Nothing to write with it and no parent to re-aggregate: one conditional update, no read first.
    const alone = persist ? undefined : await applyTransition(this.store, transition, id, values, { ...guard, topLevel: true });
    const [job, parents] = alone ? [alone, []] : await this.endChecked(id, transition, values, persist, guard);
    if (!job) return undefined;
    const endedParents = finalOnly(parents);
    this.timeline.ended(job);
    for (const parent of endedParents) this.timeline.ended(parent);
    await this.publish([job, ...endedParents]);
    this.metrics?.finished(job);
    for (const parent of endedParents) {
      this.metrics?.finished(parent);
      await this.releaseDependents(parent);
    }
    await this.releaseDependents(job);
    return job;
  }

  /** end() for a job with a parent or with records to write: one transaction holding the parent's lock. */
  private async endChecked(
    id: string,
    transition: EndingTransition,
    values: JobPatch,
    persist?: JobOutcome['persist'],
    guard?: TransitionGuard,
  ): Promise<readonly [Job | undefined, Job[]]> {
    const current = await this.store.get(id);
    if (!current) return [undefined, []];
    if (!persist && !current.parent_id) return [await applyTransition(this.store, transition, id, values, guard), []];
    return this.store.transaction(async (s) => {
      const j = await applyTransition(s, transition, id, values, guard);
      if (!j) return [undefined, []] as const;
      if (persist) await persist();
      return [j, j.parent_id ? await this.refreshParent(s, j.parent_id) : []] as const;
    }, current.parent_id ?? undefined);
  }

  /**
   * Re-aggregates a parent, and the parent above it when its status changed (a batch of
   * comprehensive analyses), each under its row lock, nearest first. Progress events are published
   * while the locks are held, so children of one parent ending at once on different workers cannot
   * publish its progress out of order. Final events are published by the caller after the commit
   * (see finalOnly), so whoever reacts to them reads the committed children. Answers the ancestors
   * that changed, nearest first. `onProgress`: only the child's progress changed.
   */
  async refreshParent(store: JobStore, parentId: string, onProgress = false): Promise<Job[]> {
    const change = await this.graph.refreshParent(store, parentId, onProgress);
    if (!change) return [];
    const { parent } = change;
    if (!isFinished(parent.status)) await this.publish([parent]);
    const above = parent.parent_id;
    if (!change.statusChanged || !above) return [parent];
    return [parent, ...(await store.transaction((s) => this.refreshParent(s, above), above))];
  }

  /**
   * An end is committed before its events are published and its dependents released; a worker
   * that stopped in between left the job ended without them. The final event is never dropped
   * (API.md): it is published again unless it is the newest event of the job still retained (so a
   * stream that has it does not get it twice), for the job and for a parent its end finished.
   * Releasing dependents again is harmless: a second start of a job is refused.
   */
  private async completeEnding(job: Job): Promise<void> {
    // The job, and each ancestor its end finished (a batch above a comprehensive analysis).
    const ended = [job];
    for (let above = job.parent_id; above; ) {
      const parent = await this.store.get(above);
      if (!parent || !isFinished(parent.status)) break;
      ended.push(parent);
      above = parent.parent_id;
    }
    for (const j of ended) {
      const latest = await this.bus.latestOf(j.job_id);
      if (latest?.event === eventOf(j)) continue;
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

/** The parents whose events still have to be published after the commit: only finished ones. */
function finalOnly(parents: readonly Job[]): Job[] {
  return parents.filter((p) => isFinished(p.status));
}
