import type { Job, JobError, JobTimelineKind } from '@atelier/contracts';
import type { JobTimelineStore } from '../ports/job-timeline.port';
import { currentActor } from './job-actor';

const ENDED_KIND: Record<string, JobTimelineKind | undefined> = { completed: 'completed', failed: 'failed', cancelled: 'cancelled' };

/** What the engine tells a job's timeline, in the engine's words; the actor comes from actingAs(). */
export class JobTimelineRecorder {
  constructor(readonly store: JobTimelineStore) {}

  created(jobs: Job[], actor: string | null = currentActor()): void {
    this.store.append(
      jobs.map((j) => ({
        job_id: j.job_id,
        at: j.created_at,
        kind: 'created',
        attempt: 0,
        detail: { priority: j.priority, ...(j.parent_id ? { parent_id: j.parent_id } : {}), ...(j.run_at ? { run_at: j.run_at } : {}) },
        actor,
      })),
    );
  }

  started(job: Job): void {
    this.add(job, 'started', { worker_id: job.worker_id ?? null }, job.started_at ?? undefined);
  }

  step(job: Pick<Job, 'job_id' | 'attempts'>, step: number, total: number, label: string): void {
    this.add(job, 'step', { step, total, label });
  }

  attemptFailed(job: Job, error: JobError, retryAt: string): void {
    this.add(job, 'attempt_failed', { error, retry_at: retryAt, worker_id: job.worker_id ?? null, ...durationOf(job) });
  }

  /** A running attempt that stopped without an end (shutdown, a dead worker); `counted` when it used up an attempt. */
  interrupted(job: Job, counted: boolean): void {
    this.add(job, 'interrupted', { worker_id: job.worker_id ?? null, counted });
  }

  retried(job: Job): void {
    this.add(job, 'retried', { max_attempts: job.max_attempts });
  }

  /** A job that reached a final status. */
  ended(job: Job): void {
    const kind = ENDED_KIND[job.status];
    if (!kind) return;
    this.add(job, kind, { ...(job.error ? { error: job.error } : {}), ...durationOf(job) }, job.finished_at ?? undefined);
  }

  private add(job: Pick<Job, 'job_id' | 'attempts'>, kind: JobTimelineKind, detail: Record<string, unknown>, at = new Date().toISOString()): void {
    this.store.append([{ job_id: job.job_id, at, kind, attempt: job.attempts, detail, actor: currentActor() }]);
  }
}

function durationOf(job: Pick<Job, 'started_at' | 'finished_at'>): { duration_ms?: number } {
  if (!job.started_at) return {};
  const end = job.finished_at ? Date.parse(job.finished_at) : Date.now();
  return { duration_ms: Math.max(0, end - Date.parse(job.started_at)) };
}
