import { percentiles, timeseriesPoints } from './timeseries-points';
import { planWindow } from './timeseries-window';

describe('percentiles', () => {
  it('answers null without samples', () => {
    expect(percentiles([])).toEqual({ p50: null, p95: null });
  });

  it('answers nearest-rank samples', () => {
    expect(percentiles([7])).toEqual({ p50: 7, p95: 7 });
    expect(percentiles([40, 10, 30, 20])).toEqual({ p50: 20, p95: 40 });
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentiles(hundred)).toEqual({ p50: 50, p95: 95 });
  });
});

describe('timeseriesPoints', () => {
  const window = planWindow({ from: '2026-01-01T00:00:00Z', to: '2026-01-01T00:03:00Z', bucket: '1m' });

  it('zero-fills every bucket of the window', () => {
    const points = timeseriesPoints(window, { created: [], started: [], finished: [] });
    expect(points.map((p) => p.at)).toEqual(['2026-01-01T00:00:00.000Z', '2026-01-01T00:01:00.000Z', '2026-01-01T00:02:00.000Z']);
    for (const p of points) expect(p).toMatchObject({ created: 0, completed: 0, failed: 0, cancelled: 0, wait_ms: { p50: null, p95: null }, run_ms: { p50: null, p95: null } });
  });

  it('counts each time in its bucket, ignores times outside the window, and never answers a negative duration', () => {
    const points = timeseriesPoints(window, {
      created: ['2025-12-31T23:59:59.999Z', '2026-01-01T00:00:00.000Z', '2026-01-01T00:01:59.999Z', '2026-01-01T00:03:00.000Z'],
      started: [{ created_at: '2026-01-01T00:02:00.500Z', started_at: '2026-01-01T00:02:00.000Z' }],
      finished: [
        { status: 'completed', started_at: '2026-01-01T00:00:10.000Z', finished_at: '2026-01-01T00:01:10.000Z' },
        { status: 'cancelled', started_at: null, finished_at: '2026-01-01T00:01:20.000Z' },
      ],
    });
    expect(points.map((p) => p.created)).toEqual([1, 1, 0]);
    expect(points[1]).toMatchObject({ completed: 1, cancelled: 1, run_ms: { p50: 60_000, p95: 60_000 } });
    expect(points[2].wait_ms).toEqual({ p50: 0, p95: 0 });
  });
});
