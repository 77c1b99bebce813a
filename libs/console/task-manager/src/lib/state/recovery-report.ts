/**
 * What happened to the running jobs while the stream was down, found by comparing what the
 * console held when it lost the stream with what it holds once it is back.
 */
import type { Job } from '@atelier/contracts';
import { nameOf } from './task-subject';

/** What the console knew of a running job when the stream went down. */
export interface RunningBefore {
  readonly job_id: string;
  readonly started_at: string | null;
  readonly attempts: number;
}

export interface RecoveryReport {
  /** Put back in the queue by the server's recovery (waiting now, or started again since). */
  readonly requeued: readonly Job[];
  readonly completed: readonly Job[];
  readonly failed: readonly Job[];
}

export function runningBefore(jobs: Iterable<Job>): RunningBefore[] {
  const out: RunningBefore[] = [];
  for (const j of jobs) if (j.status === 'running') out.push({ job_id: j.job_id, started_at: j.started_at, attempts: j.attempts });
  return out;
}

export function recoveryReport(before: readonly RunningBefore[], after: Readonly<Record<string, Job>>): RecoveryReport {
  const requeued: Job[] = [];
  const completed: Job[] = [];
  const failed: Job[] = [];
  for (const was of before) {
    const now = after[was.job_id];
    if (!now) continue;
    const restarted = now.started_at !== was.started_at;
    if (now.status === 'queued' || ((now.status === 'running' || now.status === 'completed') && restarted)) requeued.push(now);
    else if (now.status === 'completed') completed.push(now);
    else if (now.status === 'failed') failed.push(now);
  }
  return { requeued, completed, failed };
}

/** "Hair color analysis of a.png, Makeup analysis of b.png and 3 more". */
export function listOfTitles(jobs: readonly Job[], byId: Readonly<Record<string, Job>>, max = 3): string {
  const names = jobs.map((j) => {
    const parent = j.parent_id ? byId[j.parent_id] : undefined;
    return parent ? `${j.title} (in ${nameOf(parent)})` : nameOf(j);
  });
  if (names.length <= max) return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/** One sentence for the notice after a reconnect, or null when nothing happened worth saying. */
export function recoverySentence(report: RecoveryReport, byId: Readonly<Record<string, Job>>): string | null {
  const parts: string[] = [];
  if (report.requeued.length) parts.push(`Re-queued by recovery: ${listOfTitles(report.requeued, byId)}.`);
  const ended = [
    report.completed.length ? `${report.completed.length} completed` : '',
    report.failed.length ? `${report.failed.length} failed` : '',
  ].filter(Boolean);
  if (ended.length) parts.push(`While disconnected, ${ended.join(' and ')}.`);
  return parts.length ? `Reconnected. ${parts.join(' ')}` : null;
}
