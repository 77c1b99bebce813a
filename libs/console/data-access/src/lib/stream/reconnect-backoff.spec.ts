import { reconnectDelay, type ReconnectBackoff } from './reconnect-backoff';

describe('reconnectDelay', () => {
  const backoff = (random: () => number): ReconnectBackoff => ({ baseMs: 1000, capMs: 30_000, random });

  it('draws each delay uniformly from zero up to a ceiling that doubles with each failure (full jitter)', () => {
    expect([0, 1, 2, 3, 4].map((failures) => reconnectDelay(failures, backoff(() => 0.999_999)))).toEqual([999, 1999, 3999, 7999, 15_999]);
    expect([0, 1, 2, 3, 4].map((failures) => reconnectDelay(failures, backoff(() => 0)))).toEqual([0, 0, 0, 0, 0]);
    expect(reconnectDelay(3, backoff(() => 0.25))).toBe(2000);
  });

  it('never waits 30 s or more, however many failures came before', () => {
    expect(reconnectDelay(5, backoff(() => 0.999_999))).toBe(29_999);
    expect(reconnectDelay(1000, backoff(() => 0.999_999))).toBe(29_999);
  });

  it('spreads consoles that failed together over the whole window', () => {
    const draws = [0.05, 0.35, 0.65, 0.95];
    const delays = draws.map((d) => reconnectDelay(2, backoff(() => d)));
    expect(delays).toEqual([200, 1400, 2600, 3800]);
  });
});
