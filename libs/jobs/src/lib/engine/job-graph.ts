import { isFinished, type Job, type JobStatus } from '@atelier/contracts';
import type { JobStore } from '../ports/job-store.port';
import type { JobHandlerRegistry } from '../handlers/job-handler.registry';
import { applyTransition } from './job-state-machine';

/** Failed children a parent's error names one by one. */
const FAILED_NAMED = 10;

const COUNT_SUFFIX = / \(\d+\/\d+\)$/;

export function baseTitle(title: string): string {
  return title.replace(COUNT_SUFFIX, '');
}

export function parentTitle(title: string, done: number, total: number): string {
  return `${baseTitle(title)} (${done}/${total})`;
}

export interface ParentChange {
  parent: Job;
  statusChanged: boolean;
}

export type DependencyState = { kind: 'ready' } | { kind: 'waiting' } | { kind: 'broken'; dependency: Job };

/** Parent aggregation and dependency checks: the relations between jobs. */
export class JobGraph {
  constructor(private readonly registry: JobHandlerRegistry) {}

  /**
   * Recomputes a parent from its children (call inside the transaction that changed a child,
   * holding the parent's lock). Answers the parent when it changed, and whether its status did.
   * `onProgress`: only a child's progress changed, which a parent that aggregates on ends ignores.
   */
  async refreshParent(store: JobStore, parentId: string, onProgress = false): Promise<ParentChange | undefined> {
    const before = await store.get(parentId);
    if (!before || before.status === 'cancelled') return undefined;
    if (onProgress && this.registry.get(before.type).aggregatesChildProgress === false) return undefined;
    const parent = await this.aggregate(store, before);
    return parent && { parent, statusChanged: parent.status !== before.status };
  }

  private async aggregate(store: JobStore, parent: Job): Promise<Job | undefined> {
    const parentId = parent.job_id;
    // Counted in the database while children still run; read one by one only once every child ended.
    const summary = await store.childSummary(parentId);
    const total = summary.total;
    if (total === 0) return undefined;
    const title = parentTitle(parent.title, summary.ended, total);
    const mean = summary.progressSum / total;
    const now = new Date().toISOString();

    if (summary.ended === total) {
      const kids = await store.children(parentId);
      // A child re-queued between the count and the read (a retry): counted again on its next change.
      if (kids.some((k) => !isFinished(k.status))) return undefined;
      const failed = kids.filter((k) => k.status !== 'completed');
      const result = this.registry.get(parent.type).aggregate?.(kids) ?? null;
      const common = { title, result, finished_at: now, current_step: kids.length, total_steps: kids.length };
      if (failed.length === 0) {
        return applyTransition(store, 'aggregate', parentId, { ...common, status: 'completed', progress: 1, error: null, step_label: 'Completed' });
      }
      // A parent ends once per run: one already failed (every child ended) is not failed again.
      if (parent.status === 'failed') return undefined;
      // A batch may have hundreds: the first few are named, the rest counted.
      const named = failed.slice(0, FAILED_NAMED).map((k) => `${baseTitle(k.title)} (${k.status})`);
      const names = failed.length > FAILED_NAMED ? `${named.join(', ')} and ${failed.length - FAILED_NAMED} more` : named.join(', ');
      return applyTransition(store, 'aggregate', parentId, {
        ...common,
        status: 'failed',
        progress: Math.max(parent.progress, mean),
        step_label: `${failed.length} of ${kids.length} failed`,
        error: { message: `${failed.length} of ${kids.length} failed: ${names}`, code: 'children_failed', retryable: true },
      });
    }

    const anyStarted = summary.started > 0;
    const status: JobStatus = anyStarted ? 'running' : 'queued';
    return applyTransition(store, 'aggregate', parentId, {
      status,
      title,
      progress: parent.status === 'running' ? Math.max(parent.progress, mean) : mean,
      current_step: summary.ended,
      total_steps: total,
      step_label: `${summary.ended} of ${total} done`,
      started_at: parent.started_at ?? (anyStarted ? now : null),
      finished_at: null,
      error: null,
    });
  }

  async dependencyState(store: JobStore, job: Job): Promise<DependencyState> {
    if (job.depends_on.length === 0) return { kind: 'ready' };
    const deps = await store.getMany(job.depends_on);
    if (deps.length < job.depends_on.length) {
      const missing = job.depends_on.find((id) => !deps.some((d) => d.job_id === id))!;
      return { kind: 'broken', dependency: { job_id: missing, title: 'deleted job', status: 'cancelled' } as Job };
    }
    const broken = deps.find((d) => d.status === 'failed' || d.status === 'cancelled');
    if (broken) return { kind: 'broken', dependency: broken };
    return deps.every((d) => d.status === 'completed') ? { kind: 'ready' } : { kind: 'waiting' };
  }
}
