/** The line under a card's title: where a job is, in words (steps, children, waiting, retrying). */
import type { Job, JobType } from '@atelier/contracts';
import { tallyText, type BatchTally } from './batch-tally';
import { describeFailure, retryWait, retryWaitText } from './failure-text';

/** A queue's name in a sentence, by job type ("Analyses paused"). */
export const QUEUE_LABELS: Readonly<Record<JobType, string>> = {
  analyze: 'Analyses',
  comprehensive_analyze: 'Comprehensive analyses',
  generate_image: 'Image generation',
  generate_thumbnail: 'Thumbnails',
  batch: 'Batches',
  deliver_webhook: 'Webhook deliveries',
};

const CHILD_NOUNS: Partial<Record<JobType, string>> = { comprehensive_analyze: 'analyses', batch: 'jobs' };

/** Completed children of a parent out of all of them: from the children held, else from the title's "(3/8)". */
export function childrenDone(job: Job, children: readonly Job[]): { done: number; failed: number; total: number } | null {
  const total = job.child_ids.length;
  if (total === 0) return null;
  if (children.length > 0) {
    return {
      done: children.filter((c) => c.status === 'completed').length,
      failed: children.filter((c) => c.status === 'failed').length,
      total,
    };
  }
  const counted = /\((\d+)\/(\d+)\)\s*$/.exec(job.title);
  return { done: counted ? Number(counted[1]) : 0, failed: 0, total };
}

export interface ProgressContext {
  readonly children: readonly Job[];
  readonly now: number;
  /** Job types whose queue is paused. */
  readonly paused: readonly JobType[];
  /** A batch's counts of its children (a batch holds no child objects). */
  readonly tally?: BatchTally | null;
}

export function progressText(job: Job, { children, now, paused, tally }: ProgressContext): string {
  if (tally && job.status !== 'queued') return job.status === 'cancelled' ? `Cancelled · ${tallyText(tally, true)}` : tallyText(tally, job.status !== 'running');
  if (job.status === 'failed') return job.error ? describeFailure(job.error).summary : 'Failed without an error record.';
  if (job.status === 'cancelled') return 'Cancelled';
  const parent = childrenDone(job, children);
  if (parent) {
    const noun = CHILD_NOUNS[job.type] ?? 'jobs';
    const failed = parent.failed ? ` · ${parent.failed} failed` : '';
    return `${parent.done} of ${parent.total} ${noun}${job.status === 'completed' ? '' : ' done'}${failed}`;
  }
  if (job.status === 'completed') return job.total_steps > 0 ? `All ${job.total_steps} steps done` : 'Done';
  if (job.status === 'queued') {
    const wait = retryWait(job, now);
    if (wait) return retryWaitText(wait);
    if (paused.includes(job.type)) return `Waiting: the ${QUEUE_LABELS[job.type].toLowerCase()} queue is paused`;
    return 'Waiting in queue';
  }
  const step = job.total_steps > 0 ? `Step ${Math.min(job.current_step, job.total_steps)}/${job.total_steps}` : '';
  return [step, job.step_label].filter(Boolean).join(' · ');
}
