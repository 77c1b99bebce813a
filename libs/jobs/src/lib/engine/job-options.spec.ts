import { jobPolicy } from './job-options';

const config = { jobMaxAttempts: 3, jobTimeoutMs: 60_000, retryBaseDelayMs: 1000, retentionDays: 7 };

describe('jobPolicy', () => {
  it('backs off exponentially with jitter between 0.5× and 1.5×, capped', () => {
    const p = jobPolicy('analyze', config);
    expect(p.backoffMs(1, () => 0)).toBe(500);
    expect(p.backoffMs(1, () => 1)).toBe(1500);
    expect(p.backoffMs(3, () => 0.5)).toBe(4000);
    expect(p.backoffMs(30, () => 0.5)).toBe(300_000);
  });

  it('takes defaults from config, per-type defaults, then explicit overrides', () => {
    expect(jobPolicy('analyze', config)).toMatchObject({ priority: 0, maxAttempts: 3, timeoutMs: 60_000, retentionMs: 7 * 86_400_000 });
    expect(jobPolicy('generate_thumbnail', config)).toMatchObject({ priority: 10, maxAttempts: 2, timeoutMs: 12_000 });
    expect(jobPolicy('analyze', config, { priority: 7, maxAttempts: 1 })).toMatchObject({ priority: 7, maxAttempts: 1 });
  });
});
