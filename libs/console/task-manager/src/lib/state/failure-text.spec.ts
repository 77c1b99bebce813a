import { makeJob } from '@atelier/console/data-access/testing';
import { attemptsText, clockTime, describeFailure, retryWait, retryWaitText, withoutRepeats } from './failure-text';

describe('failure text', () => {
  it('says an image-library message in plain words, once, and keeps the original as the detail without repeats', () => {
    const raw = 'Input buffer has corrupt header: VipsJpeg: Premature end of input file\nVipsJpeg: Premature end of input file\nVipsJpeg: Premature end of input file';
    const text = describeFailure({ message: raw, code: 'handler_error', retryable: true });
    expect(text.summary).toBe('The image could not be read: the file is damaged or is not a JPEG, PNG, WebP or GIF image.');
    expect(text.detail).toBe('Input buffer has corrupt header: VipsJpeg: Premature end of input file');
    expect(text.detail?.match(/Premature end/g)).toHaveLength(1);
  });

  it('does not call an error worth retrying when a retry repeats it, whatever its retryable flag', () => {
    const corrupt = describeFailure({ message: 'VipsJpeg: Premature end of input file', code: 'handler_error', retryable: true });
    expect(corrupt.retryHelps).toBe(false);
    expect(corrupt.retryAdvice).toBe('A retry would fail the same way with the same input.');
    const undecodable = describeFailure({ message: 'photo.jpg is not a valid JPEG image: it is truncated or corrupt, so it cannot be decoded.', code: 'image_undecodable', retryable: false });
    expect(undecodable.retryHelps).toBe(false);
    expect(undecodable.retryAdvice).toMatch(/final/);
  });

  it('calls a temporary failure retryable when the server says so', () => {
    const timeout = describeFailure({ message: 'The model endpoint http://x did not answer in time.', code: 'upstream_timeout', retryable: true });
    expect(timeout).toEqual({
      summary: 'The vision model did not answer in time.',
      detail: 'The model endpoint http://x did not answer in time.',
      retryHelps: true,
      retryAdvice: 'This kind of failure is often temporary: a retry may succeed.',
    });
    expect(describeFailure({ message: 'x', code: 'upstream_timeout', retryable: false }).retryHelps).toBe(false);
  });

  it('keeps an unknown message as it is, as a sentence, without a second copy as detail', () => {
    const text = describeFailure({ message: '2 of 8 failed: Hair color, Makeup', code: 'children_failed', retryable: true });
    expect(text.summary).toBe('2 of 8 failed: Hair color, Makeup.');
    expect(text.detail).toBeNull();
    expect(text.retryHelps).toBe(true);
  });

  it('removes repeated lines and repeated segments', () => {
    expect(withoutRepeats('A: B: B: B')).toBe('A: B');
    expect(withoutRepeats('same\nsame\nSame')).toBe('same');
    expect(withoutRepeats('short\nshort and longer')).toBe('short and longer');
  });

  it('never says "Attempt 4 of 3": clamps to the budget and explains the extra runs', () => {
    expect(attemptsText({ attempts: 2, max_attempts: 3 })).toBe('Attempt 2 of 3');
    expect(attemptsText({ attempts: 4, max_attempts: 3 })).toBe('Attempt 3 of 3 (4 runs in all, counting retries by hand)');
  });

  it('sees a job that waits for its retry, with the next attempt and the time it runs', () => {
    const now = new Date(2025, 0, 1, 14, 0, 0).getTime();
    const runAt = new Date(2025, 0, 1, 14, 3, 7);
    const job = makeJob({
      status: 'queued',
      attempts: 1,
      max_attempts: 3,
      run_at: runAt.toISOString(),
      metadata: { last_error: { message: 'The model endpoint failed (503).', code: 'upstream_unavailable', retryable: true } },
    });
    const wait = retryWait(job, now);
    expect(wait).toEqual({ at: runAt.getTime(), attempt: 2, of: 3, lastError: { message: 'The model endpoint failed (503).', code: 'upstream_unavailable', retryable: true } });
    expect(retryWaitText(wait!)).toBe('Retrying at 14:03:07 (attempt 2 of 3)');
    expect(retryWait(job, runAt.getTime() + 1)).toBeNull();
    expect(retryWait(makeJob({ status: 'queued', attempts: 0, run_at: runAt.toISOString() }), now)).toBeNull();
    expect(clockTime(new Date(2025, 0, 1, 9, 5, 3).getTime())).toBe('09:05:03');
  });
});
