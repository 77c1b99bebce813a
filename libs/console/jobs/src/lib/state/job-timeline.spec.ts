import type { JobTimelineEntry } from '@atelier/contracts';
import { attemptsOf, describeEntry, formatAttemptDuration } from './job-timeline';

function entry(kind: JobTimelineEntry['kind'], at: string, attempt: number, detail: Record<string, unknown> = {}, actor: string | null = null): JobTimelineEntry {
  return { kind, at: `2026-03-01T10:00:${at}.000Z`, attempt, detail, actor };
}

const error = { message: 'The vision model answered 503.', code: 'upstream_unavailable', retryable: true };

describe('a job timeline', () => {
  const events = [
    entry('created', '00', 0, { priority: 0 }, 'u-me'),
    entry('started', '01', 1, { worker_id: 'w-a' }),
    entry('step', '02', 1, { step: 1, total: 4, label: 'Preparing image' }),
    entry('attempt_failed', '03', 1, { error, retry_at: '2026-03-01T10:00:08.000Z', duration_ms: 1800, worker_id: 'w-a' }),
    entry('started', '08', 2, { worker_id: 'w-b' }),
    entry('interrupted', '09', 2, { worker_id: 'w-b', counted: false }),
    entry('started', '11', 2, { worker_id: 'w-c' }),
    entry('step', '12', 2, { step: 2, total: 4, label: 'Calling the vision model' }),
  ];

  it('reads each attempt with its worker, duration, outcome and error; the last one still runs', () => {
    const attempts = attemptsOf(events);
    expect(attempts.map((a) => [a.attempt, a.workerId, a.outcome, a.durationMs])).toEqual([
      [1, 'w-a', 'retrying', 1800],
      [2, 'w-b', 'interrupted', 1000],
      [2, 'w-c', 'running', null],
    ]);
    expect(attempts[0].error).toEqual(error);
    expect(attempts[0].retryAt).toBe('2026-03-01T10:00:08.000Z');
    expect(attempts[2].lastStep).toBe('Calling the vision model');
  });

  it('closes the attempt on the final entry', () => {
    const failed = attemptsOf([...events, entry('failed', '14', 2, { error: { ...error, retryable: false }, duration_ms: 3000 })]);
    expect(failed.at(-1)).toMatchObject({ outcome: 'failed', durationMs: 3000, workerId: 'w-c', error: { retryable: false } });
    expect(attemptsOf([entry('created', '00', 0), entry('cancelled', '01', 0, {}, 'u-1')])).toEqual([]);
  });

  it('says each entry in words, naming who acted', () => {
    expect(describeEntry(events[0], 'u-me')).toEqual({ title: 'Created by you', detail: null });
    expect(describeEntry(entry('retried', '20', 2, { max_attempts: 5 }, 'u-other-person'), 'u-me')).toEqual({ title: 'Retried by user u-other-', detail: 'up to 5 attempts in all' });
    expect(describeEntry(events[1], null)).toEqual({ title: 'Attempt 1 started', detail: 'on worker w-a' });
    expect(describeEntry(events[2], null)).toEqual({ title: 'Step 1/4', detail: 'Preparing image' });
    const failedAttempt = describeEntry(events[3], null);
    expect(failedAttempt.title).toBe('Attempt 1 failed after 1s');
    expect(failedAttempt.detail).toMatch(/^The vision model answered 503\. · next attempt at /);
    expect(describeEntry(entry('completed', '30', 2, { duration_ms: 420 }), null).title).toBe('Completed in 420 ms');
    expect(describeEntry(entry('cancelled', '30', 1), null).title).toBe('Cancelled');
  });

  it('formats short attempts in milliseconds and longer ones as elsewhere', () => {
    expect(formatAttemptDuration(320.4)).toBe('320 ms');
    expect(formatAttemptDuration(125_000)).toBe('2m 05s');
  });
});
