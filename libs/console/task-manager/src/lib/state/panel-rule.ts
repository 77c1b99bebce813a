/**
 * The rule of what the task manager shows, the same as the server's `GET /api/task-panel`: every
 * unfinished top-level job; finished ones only while they are members of the panel (agreed with
 * the server when the panel loaded, or seen finishing since), failures until dismissed, completed
 * and cancelled jobs for `recent_seconds` after they ended.
 */
import { isFinished, type Job, type JobType } from '@atelier/contracts';

/** Housekeeping jobs the server starts on its own (a thumbnail per upload): on the Jobs page only. */
export const BACKGROUND_JOB_TYPES: readonly JobType[] = ['generate_thumbnail', 'deliver_webhook'];

export function isBackgroundJob(job: Pick<Job, 'type'>): boolean {
  return BACKGROUND_JOB_TYPES.includes(job.type);
}

/** A job of its own in the panel: top-level, not background work (children show inside their parent). */
export function isPanelCandidate(job: Pick<Job, 'parent_id' | 'type'>): boolean {
  return job.parent_id === null && !isBackgroundJob(job);
}

/**
 * Whether the panel shows `job`. `members` are the finished jobs it shows; `recentSince` is the
 * ISO time (server clock) before which a completed or cancelled job has had its time.
 */
export function showsInPanel(job: Job, members: ReadonlySet<string>, recentSince: string): boolean {
  if (!isPanelCandidate(job)) return false;
  if (!isFinished(job.status)) return true;
  if (!members.has(job.job_id)) return false;
  return job.status === 'failed' || (job.finished_at ?? '') >= recentSince;
}

/** When (server ms) the next completed or cancelled member leaves the panel, or null when none will. */
export function nextDeparture(jobs: Iterable<Job>, members: ReadonlySet<string>, recentMs: number, now: number): number | null {
  let next: number | null = null;
  for (const job of jobs) {
    if ((job.status !== 'completed' && job.status !== 'cancelled') || !job.finished_at || !members.has(job.job_id)) continue;
    const leaves = Date.parse(job.finished_at) + recentMs;
    if (leaves > now && (next === null || leaves < next)) next = leaves;
  }
  return next;
}

/** Changes to the members seen while a load was under way: they win over the (older) answer. */
export interface MemberChanges {
  readonly added: ReadonlySet<string>;
  readonly removed: ReadonlySet<string>;
}

/** The members after a load: the finished jobs of the answer, with what happened meanwhile applied. */
export function membersAfterLoad(answer: readonly Job[], meanwhile: MemberChanges): Set<string> {
  const members = new Set(answer.filter((j) => isFinished(j.status)).map((j) => j.job_id));
  for (const id of meanwhile.added) members.add(id);
  for (const id of meanwhile.removed) members.delete(id);
  return members;
}
