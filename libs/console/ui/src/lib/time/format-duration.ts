import type { Job } from '@atelier/contracts';

/** "4s", "2m 05s", "1h 02m": short, stable width per unit, for cards and tables. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  if (minutes > 0) return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
  return `${seconds}s`;
}

/**
 * How long a job has taken: from start (or creation while queued) to its end, or to `now`
 * while it has not ended.
 */
export function jobElapsedMs(job: Pick<Job, 'created_at' | 'started_at' | 'finished_at'>, now: number): number {
  const from = Date.parse(job.started_at ?? job.created_at);
  const to = job.finished_at ? Date.parse(job.finished_at) : now;
  return Math.max(0, to - from);
}
