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

  it('retries webhook deliveries for about 24 h: the first retry within 10 s, then doubling up to 2 h apart', () => {
    const p = jobPolicy('deliver_webhook', config);
    expect(p.timeoutMs).toBe(15_000);
    expect(p.backoffMs(1, () => 1)).toBeLessThanOrEqual(10_000);
    const waits = Array.from({ length: p.maxAttempts - 1 }, (_, i) => p.backoffMs(i + 1, () => 0.5));
    expect(Math.max(...waits)).toBe(2 * 3_600_000);
    const hours = waits.reduce((a, b) => a + b, 0) / 3_600_000;
    expect(hours).toBeGreaterThan(23);
    expect(hours).toBeLessThan(26);
  });
});
