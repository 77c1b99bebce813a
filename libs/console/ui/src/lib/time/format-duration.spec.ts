import { formatDuration, jobElapsedMs } from './format-duration';

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [999, '0s'],
    [4_200, '4s'],
    [59_999, '59s'],
    [60_000, '1m 00s'],
    [125_000, '2m 05s'],
    [3_600_000, '1h 00m'],
    [3_725_000, '1h 02m'],
  ])('formats %i ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('never shows a negative duration (clock skew)', () => {
    expect(formatDuration(-5_000)).toBe('0s');
  });
});

describe('jobElapsedMs', () => {
  const created_at = '2025-01-01T12:00:00.000Z';
  const started_at = '2025-01-01T12:00:02.000Z';
  const now = Date.parse('2025-01-01T12:00:12.000Z');

  it('counts from creation while the job waits in the queue', () => {
    expect(jobElapsedMs({ created_at, started_at: null, finished_at: null }, now)).toBe(12_000);
  });

  it('ticks from the start to now while the job runs', () => {
    expect(jobElapsedMs({ created_at, started_at, finished_at: null }, now)).toBe(10_000);
    expect(jobElapsedMs({ created_at, started_at, finished_at: null }, now + 1000)).toBe(11_000);
  });

  it('is the final duration once the job ended, whatever the time now', () => {
    const finished_at = '2025-01-01T12:00:07.500Z';
    expect(jobElapsedMs({ created_at, started_at, finished_at }, now)).toBe(5_500);
    expect(jobElapsedMs({ created_at, started_at, finished_at }, now + 60_000)).toBe(5_500);
  });
});
