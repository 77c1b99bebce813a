import { filter, firstValueFrom, map, race, timer, type Observable } from 'rxjs';
import { isFinished, isJobDataEvent, type BulkAction, type BulkResult, type Job, type JobList, type JobTimeline, type JobPayload, type JobStatus, type JobType } from '@atelier/contracts';
import { ConflictError, InvalidInputError, NotFoundError, SYSTEM_SCOPE, decodeCursor, encodeCursor, uuidv7, visibleIn, type AccessScope } from '@atelier/platform';
import type { JobStore, NewJobRecord } from '../ports/job-store.port';
import type { JobEventBus } from '../ports/job-event-bus.port';
import type { JobDispatcher } from '../ports/job-dispatcher.port';
import type { JobHandlerRegistry } from '../handlers/job-handler.registry';
import type { JobLifecycle } from './job-lifecycle';
import { parentTitle } from './job-graph';
import { applyTransition } from './job-state-machine';
import { actingAs, currentActor } from './job-actor';

/** Most jobs one bulk request acts on (a filter that matches more is refused, and says so). */
export const BULK_MAX_MATCHES = 50_000;

export type BulkTarget = { ids: string[] } | { filter: Omit<ListJobsOptions, 'limit' | 'cursor'> };

export interface CreateJobSpec<T extends JobType = JobType> {
  type: T;
  title: string;
  input: JobPayload<T>;
  priority?: number;
  maxAttempts?: number;
  dependsOn?: string[];
  /** Earliest start time. */
  runAt?: Date;
  owner?: string | null;
  metadata?: Record<string, unknown>;
  /** For parent types: the children, created in the same transaction. */
  children?: CreateJobSpec[];
}

export interface ListJobsOptions {
  statuses?: JobStatus[];
  types?: string[];
  parentId?: string;
  limit: number;
  cursor?: string;
  search?: string;
  createdAfter?: string;
  createdBefore?: string;
  /** Oldest first (default: newest first). */
  ascending?: boolean;
}

/** The lifecycle of jobs as producers, the REST API and the console see it. */
export class JobsService {
  constructor(
    private readonly store: JobStore,
    private readonly bus: JobEventBus,
    private readonly dispatcher: JobDispatcher,
    private readonly registry: JobHandlerRegistry,
    private readonly lifecycle: JobLifecycle,
  ) {}

  /** Creates one job, or a parent with its children, in one transaction; then publishes and schedules. */
  async create<T extends JobType>(spec: CreateJobSpec<T>): Promise<Job<T>> {
    const jobs = await this.store.insert(await this.plan(spec));
    this.lifecycle.timeline.created(jobs, spec.owner ?? currentActor());
    await this.lifecycle.publish(jobs, true);
    for (const job of jobs) await this.lifecycle.schedule(job);
    return jobs[0] as Job<T>;
  }

  /** The job when it exists and `scope` may see it (another member's job is as if it did not exist). */
  async get(id: string, scope: AccessScope = SYSTEM_SCOPE): Promise<Job> {
    const job = await this.store.get(id);
    if (!job || !visibleIn(scope, job.owner)) throw new NotFoundError(`No job with id "${id}".`);
    return job;
  }

  /** Queued + running jobs of one owner (the per-user quota), batch parents not counted. */
  async unfinishedCount(owner: string): Promise<number> {
    return this.store.countUnfinished(owner);
  }

  async list(options: ListJobsOptions, scope: AccessScope = SYSTEM_SCOPE): Promise<JobList> {
    const cursorId = options.cursor === undefined ? undefined : decodeCursor(options.cursor);
    const rows = await this.store.list({
      statuses: options.statuses,
      types: options.types,
      parentId: options.parentId,
      owner: scope.owner,
      limit: options.limit + 1,
      search: options.search?.trim() || undefined,
      createdAfter: options.createdAfter && new Date(options.createdAfter).toISOString(),
      createdBefore: options.createdBefore && new Date(options.createdBefore).toISOString(),
      ascending: options.ascending,
      ...(options.ascending ? { afterId: cursorId } : { beforeId: cursorId }),
    });
    const page = rows.slice(0, options.limit);
    const more = rows.length > options.limit;
    return { jobs: page, next_cursor: more ? encodeCursor(page[page.length - 1].job_id) : null };
  }

  /** A job's durable timeline, oldest first. */
  async timeline(id: string, scope: AccessScope = SYSTEM_SCOPE): Promise<JobTimeline> {
    await this.get(id, scope);
    return { events: await this.lifecycle.timeline.store.list(id) };
  }

  /**
   * Cancels, retries or deletes every job named or matching a filter (as GET /api/jobs would list
   * them for `scope`), job by job: a job that is not eligible, or changed meanwhile, is skipped.
   * Matches are taken at the start, so jobs the action itself re-queues are not acted on twice.
   */
  async bulk(action: BulkAction, target: BulkTarget, scope: AccessScope = SYSTEM_SCOPE): Promise<BulkResult> {
    const ids = 'ids' in target ? await this.visibleIds([...new Set(target.ids)], scope) : await this.matchingIds(target.filter, scope);
    let changed = 0;
    for (const id of ids) {
      try {
        if (action === 'cancel') await this.cancel(id, scope);
        else if (action === 'retry') await this.retry(id, scope);
        else await this.delete(id, scope);
        changed++;
      } catch (err) {
        if (!(err instanceof ConflictError || err instanceof NotFoundError)) throw err;
      }
    }
    return { matched: ids.length, changed, skipped: ids.length - changed };
  }

  private async visibleIds(ids: string[], scope: AccessScope): Promise<string[]> {
    const found = await this.store.getMany(ids);
    const visible = new Set(found.filter((j) => visibleIn(scope, j.owner)).map((j) => j.job_id));
    return ids.filter((id) => visible.has(id));
  }

  private async matchingIds(filter: Omit<ListJobsOptions, 'limit' | 'cursor'>, scope: AccessScope): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await this.list({ ...filter, ascending: false, limit: 200, cursor }, scope);
      for (const job of page.jobs) ids.push(job.job_id);
      if (ids.length > BULK_MAX_MATCHES) {
        throw new InvalidInputError(`The filter matches more than ${BULK_MAX_MATCHES} jobs; narrow it (status, type, dates) and repeat.`);
      }
      if (!page.next_cursor) return ids;
      cursor = page.next_cursor;
    }
  }

  /** Cancels a queued or running job (and a parent's unfinished children). 409 when it already ended. */
  async cancel(id: string, scope: AccessScope = SYSTEM_SCOPE): Promise<Job> {
    return actingAs(scope.actor, () => this.cancelAs(id, scope));
  }

  private async cancelAs(id: string, scope: AccessScope): Promise<Job> {
    const job = await this.get(id, scope);
    if (isFinished(job.status)) throw new ConflictError(`Job "${id}" is already ${job.status}; only queued or running jobs can be cancelled.`, 'job_not_cancellable');
    // The parent first: once it is cancelled, its children's ends no longer re-aggregate it.
    const cancelled = await this.lifecycle.end(id, 'cancel', {});
    if (!cancelled) {
      const now = await this.get(id);
      if (now.status === 'cancelled') return now;
      throw new ConflictError(`Job "${id}" ended (${now.status}) before it could be cancelled.`, 'job_not_cancellable');
    }
    await this.stopInDispatcher(id);
    await this.cancelChildren(job);
    return cancelled;
  }

  /** Cancels a cancelled parent's unfinished children, and theirs (a batch of comprehensive analyses), each parent before its children. */
  private async cancelChildren(parent: Job): Promise<void> {
    for (const childId of parent.child_ids) {
      const child = await this.store.get(childId);
      if (!child || isFinished(child.status)) continue;
      if (!(await this.lifecycle.end(childId, 'cancel', {}))) continue;
      await this.stopInDispatcher(childId);
      await this.cancelChildren(child);
    }
  }

  /**
   * Drops a cancelled job's queue entry and aborts its handler. Only after this request's cancel
   * committed: a request that lost the race must not remove the entry of a retry that won it. A
   * retry can still land between the commit and the drop, so a job found queued again is handed
   * back (a second entry is harmless: a second start is refused).
   */
  private async stopInDispatcher(id: string): Promise<void> {
    await this.dispatcher.cancel(id);
    const now = await this.store.get(id);
    if (now?.status === 'queued') await this.lifecycle.schedule(now);
  }

  /**
   * Queues a failed or cancelled job again: same id, attempts kept as history, and a full budget
   * of attempts added to `max_attempts` (so attempts never exceed it). A parent re-runs only its
   * failed or cancelled children.
   */
  async retry(id: string, scope: AccessScope = SYSTEM_SCOPE): Promise<Job> {
    return actingAs(scope.actor, () => this.retryAs(id, scope));
  }

  private async retryAs(id: string, scope: AccessScope): Promise<Job> {
    const job = await this.get(id, scope);
    if (job.status !== 'failed' && job.status !== 'cancelled') {
      throw new ConflictError(`Job "${id}" is ${job.status}; only failed or cancelled jobs can be retried.`, 'job_not_retryable');
    }
    const rerun = await this.rerunBelow(job);
    const queuedChildren: Job[] = [];
    const { retried, parents } = await this.store.transaction(async (s) => {
      queuedChildren.length = 0; // a transaction may run again (a deadlock broken by the database)
      // Deepest first: a child that is a parent itself is queued again with the count of its own children.
      for (const { child, children, rerunCount } of [...rerun].reverse()) {
        const c = await applyTransition(s, 'retry', child.job_id, this.retryPatch(child, children, rerunCount));
        if (c) queuedChildren.push(c);
      }
      const own = rerun.filter((r) => r.child.parent_id === id).length;
      const children = job.child_ids.length;
      const r = await applyTransition(s, 'retry', id, children ? this.retryPatch(job, children, own) : this.retryPatch(job));
      const above = !children && r?.parent_id ? await this.lifecycle.refreshParent(s, r.parent_id) : [];
      return { retried: r, parents: above };
    }, job.parent_id ?? id);
    if (!retried) throw new ConflictError(`Job "${id}" changed while it was being retried; try again.`, 'job_not_retryable');
    for (const j of [...queuedChildren, retried]) this.lifecycle.timeline.retried(j);
    await this.lifecycle.publish([...queuedChildren, retried, ...parents.filter((p) => isFinished(p.status))]);
    for (const j of [...queuedChildren, retried]) await this.lifecycle.schedule(j);
    const idleBelow = rerun.filter((r) => r.children > 0 && r.rerunCount === 0).map((r) => r.child).reverse();
    const idleItself = job.child_ids.length > 0 && !rerun.some((r) => r.child.parent_id === id);
    await this.settleIdleParents([...idleBelow, ...(idleItself ? [job] : [])]);
    return retried;
  }

  /**
   * A parent queued again with no child to re-run (cancelled in a race while its last children
   * completed) has nothing that would re-aggregate it: it is aggregated now, deepest first, and ends.
   */
  private async settleIdleParents(parents: Job[]): Promise<void> {
    for (const parent of parents) {
      const changed = await this.store.transaction((s) => this.lifecycle.refreshParent(s, parent.job_id), parent.job_id);
      await this.lifecycle.publish(changed.filter((p) => isFinished(p.status)));
    }
  }

  /**
   * A job queued again: a worker job with a full budget of attempts added (so attempts never exceed
   * max_attempts); a parent with its progress kept and the count of the children that stay done.
   */
  private retryPatch(job: Job, children = 0, rerunCount = 0) {
    if (!children) return { max_attempts: job.attempts + this.lifecycle.policyOf(job).maxAttempts };
    return { progress: job.progress, title: parentTitle(job.title, children - rerunCount, children) };
  }

  /**
   * The failed or cancelled jobs under a parent that a retry of it runs again, parents before their
   * children: its children, and theirs under a child that is a parent itself (a batch of comprehensive analyses).
   */
  private async rerunBelow(parent: Job): Promise<{ child: Job; children: number; rerunCount: number }[]> {
    if (!parent.child_ids.length) return [];
    const found: { child: Job; children: number; rerunCount: number }[] = [];
    for (const child of await this.store.children(parent.job_id)) {
      if (child.status !== 'failed' && child.status !== 'cancelled') continue;
      const below = await this.rerunBelow(child);
      found.push({ child, children: child.child_ids.length, rerunCount: below.filter((b) => b.child.parent_id === child.job_id).length }, ...below);
    }
    return found;
  }

  /** Deletes an ended job (and a parent's children). 409 while it is queued or running. */
  async delete(id: string, scope: AccessScope = SYSTEM_SCOPE): Promise<void> {
    const job = await this.get(id, scope);
    if (!isFinished(job.status)) {
      throw new ConflictError(`Job "${id}" is ${job.status}; cancel it before deleting it.`, 'job_not_deletable');
    }
    if (job.parent_id) {
      throw new ConflictError(`Job "${id}" is part of parent job "${job.parent_id}"; delete the parent, which deletes its children.`, 'job_not_deletable');
    }
    const ids = await this.store.delete(id);
    for (const jobId of ids) await this.bus.publish({ event: 'job.deleted', data: { job_id: jobId } });
  }

  /** Resolves with the job once it ended, or with its current state after `timeoutMs` (no polling: the event bus tells). */
  async waitForEnd(id: string, timeoutMs: number): Promise<Job> {
    const ended$: Observable<Job> = this.bus.events$.pipe(
      filter((e) => isJobDataEvent(e) && e.data.job_id === id && isFinished(e.data.status)),
      map((e) => e.data as Job),
    );
    const waiting = firstValueFrom(race(ended$, timer(timeoutMs).pipe(map(() => undefined))), { defaultValue: undefined });
    const now = await this.get(id);
    if (isFinished(now.status)) return now;
    return (await waiting) ?? (await this.get(id));
  }

  private async plan(spec: CreateJobSpec, parentId: string | null = null): Promise<NewJobRecord[]> {
    const isParent = this.registry.isParentType(spec.type);
    if (isParent && !spec.children?.length) throw new InvalidInputError(`A ${spec.type} job needs at least one child job.`);
    if (!isParent && spec.children?.length) throw new InvalidInputError(`A ${spec.type} job cannot have children.`);
    const deps = [...new Set(spec.dependsOn ?? [])];
    if (deps.length) {
      const found = await this.store.getMany(deps);
      const missing = deps.filter((d) => !found.some((f) => f.job_id === d));
      if (missing.length) throw new InvalidInputError(`depends_on names unknown jobs: ${missing.join(', ')}`);
    }
    const id = uuidv7();
    const policy = this.lifecycle.policyOf({ type: spec.type });
    // A child may be a parent itself (a batch of comprehensive analyses): its records follow it, but only it is a child of this job.
    const descendants: NewJobRecord[] = [];
    const childIds: string[] = [];
    for (const child of spec.children ?? []) {
      const planned = await this.plan({ ...child, priority: child.priority ?? spec.priority }, id);
      childIds.push(planned[0].job_id);
      descendants.push(...planned);
    }
    const now = new Date().toISOString();
    const record: NewJobRecord = {
      job_id: id,
      type: spec.type,
      title: isParent ? parentTitle(spec.title, 0, childIds.length) : spec.title,
      parent_id: parentId,
      child_ids: childIds,
      depends_on: deps,
      priority: spec.priority ?? policy.priority,
      max_attempts: spec.maxAttempts ?? policy.maxAttempts,
      input: spec.input,
      metadata: spec.metadata ?? {},
      owner: spec.owner ?? null,
      run_at: spec.runAt ? spec.runAt.toISOString() : null,
      created_at: now,
    };
    return [record, ...descendants];
  }
}
