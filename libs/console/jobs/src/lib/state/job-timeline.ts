/** Reads a job's durable timeline: its attempts (worker, duration, outcome, error) and one line per entry. */
import type { JobError, JobTimelineEntry } from '@atelier/contracts';
import { formatDuration } from '@atelier/console/ui';

export type AttemptOutcome = 'running' | 'completed' | 'failed' | 'retrying' | 'interrupted' | 'cancelled';

export interface JobAttempt {
  readonly attempt: number;
  readonly workerId: string | null;
  readonly startedAt: string;
  readonly endedAt: string | null;
  /** Null while it runs. */
  readonly durationMs: number | null;
  readonly outcome: AttemptOutcome;
  readonly error: JobError | null;
  /** When the next attempt may start (a failed attempt that will be retried). */
  readonly retryAt: string | null;
  readonly lastStep: string | null;
}

const CLOSING: Partial<Record<JobTimelineEntry['kind'], AttemptOutcome>> = {
  attempt_failed: 'retrying',
  interrupted: 'interrupted',
  completed: 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
};

/** The attempts, oldest first: each starts with `started` and ends with the entry that closed it, if any. */
export function attemptsOf(events: readonly JobTimelineEntry[]): JobAttempt[] {
  const attempts: JobAttempt[] = [];
  let open = false;
  for (const entry of events) {
    const last = attempts.at(-1);
    const outcome = CLOSING[entry.kind];
    if (entry.kind === 'started') {
      attempts.push({ attempt: entry.attempt, workerId: text(entry.detail['worker_id']), startedAt: entry.at, endedAt: null, durationMs: null, outcome: 'running', error: null, retryAt: null, lastStep: null });
      open = true;
    } else if (open && last && entry.kind === 'step') {
      attempts[attempts.length - 1] = { ...last, lastStep: text(entry.detail['label']) };
    } else if (open && last && outcome) {
      attempts[attempts.length - 1] = {
        ...last,
        outcome,
        endedAt: entry.at,
        durationMs: num(entry.detail['duration_ms']) ?? Math.max(0, Date.parse(entry.at) - Date.parse(last.startedAt)),
        error: jobError(entry.detail['error']),
        retryAt: text(entry.detail['retry_at']),
        workerId: text(entry.detail['worker_id']) ?? last.workerId,
      };
      open = false;
    }
  }
  return attempts;
}

/** "320 ms" below a second (failed attempts are often that short), else as everywhere: "4s", "2m 05s". */
export function formatAttemptDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : formatDuration(ms);
}

export interface TimelineLine {
  readonly title: string;
  readonly detail: string | null;
}

/** One entry in words; `me` is the signed-in user's id, so "by you" can be said. */
export function describeEntry(entry: JobTimelineEntry, me: string | null): TimelineLine {
  const d = entry.detail;
  const by = entry.actor ? (entry.actor === me ? ' by you' : ` by user ${entry.actor.slice(0, 8)}`) : '';
  const error = jobError(d['error']);
  const duration = num(d['duration_ms']);
  switch (entry.kind) {
    case 'created':
      return { title: `Created${by}`, detail: null };
    case 'started':
      return { title: `Attempt ${entry.attempt} started`, detail: text(d['worker_id']) ? `on worker ${text(d['worker_id'])}` : null };
    case 'step':
      return { title: `Step ${num(d['step']) ?? '?'}/${num(d['total']) ?? '?'}`, detail: text(d['label']) };
    case 'attempt_failed': {
      const retryAt = text(d['retry_at']);
      return {
        title: `Attempt ${entry.attempt} failed${duration === null ? '' : ` after ${formatAttemptDuration(duration)}`}`,
        detail: [error?.message, retryAt ? `next attempt at ${clock(retryAt)}` : null].filter(Boolean).join(' · ') || null,
      };
    }
    case 'interrupted':
      return { title: `Attempt ${entry.attempt} interrupted`, detail: d['counted'] ? 'Its worker stopped; the attempt counts.' : 'Its worker stopped; it will run again.' };
    case 'requeued':
      return { title: 'Queued again by recovery', detail: null };
    case 'retried':
      return { title: `Retried${by}`, detail: num(d['max_attempts']) ? `up to ${num(d['max_attempts'])} attempts in all` : null };
    case 'cancelled':
      return { title: `Cancelled${by}`, detail: null };
    case 'completed':
      return { title: `Completed${duration === null ? '' : ` in ${formatAttemptDuration(duration)}`}`, detail: null };
    case 'failed':
      return { title: 'Failed', detail: error?.message ?? null };
  }
}

function clock(iso: string): string {
  return new Date(iso).toLocaleTimeString();
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value ? value : null;
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function jobError(value: unknown): JobError | null {
  if (typeof value !== 'object' || value === null || typeof (value as JobError).message !== 'string') return null;
  const e = value as JobError;
  return { message: e.message, code: typeof e.code === 'string' ? e.code : 'error', retryable: e.retryable === true };
}
