import { makePoint, makeSummary } from '../../testing/operations.factory';
import { activeBuckets, failureRate, latencyOf, latencySummary, queueDepthOf, throughputOf, throughputSummary } from './dashboard-stats';
import { statsRange } from './stats-ranges';

describe('dashboard stats', () => {
  const points = [
    makePoint('2025-01-01T10:00:00.000Z', { created: 4, completed: 3, failed: 1, wait_ms: { p50: 100, p95: 900 }, run_ms: { p50: 2000, p95: 4000 } }),
    makePoint('2025-01-01T10:01:00.000Z'),
    makePoint('2025-01-01T10:02:00.000Z', { created: 2, completed: 0, failed: 0, cancelled: 2, wait_ms: { p50: 300, p95: 1500 } }),
    makePoint('2025-01-01T10:03:00.000Z', { completed: 1, failed: 2, run_ms: { p50: 1000, p95: 9000 } }),
  ];

  it('gives the failure rate of the jobs that completed or failed, leaving cancelled ones out', () => {
    expect(failureRate(1, 3)).toBe(25);
    expect(failureRate(2, 1)).toBe(66.7);
    expect(failureRate(0, 0)).toBeNull();
  });

  it('turns the points into chart series per bucket, with totals and the rate over the range', () => {
    const t = throughputOf(points);
    expect(t.times).toEqual([Date.parse('2025-01-01T10:00:00.000Z'), Date.parse('2025-01-01T10:01:00.000Z'), Date.parse('2025-01-01T10:02:00.000Z'), Date.parse('2025-01-01T10:03:00.000Z')]);
    expect(t.created).toEqual([4, 0, 2, 0]);
    expect(t.completed).toEqual([3, 0, 0, 1]);
    expect(t.failed).toEqual([1, 0, 0, 2]);
    expect(t.failureRate).toEqual([25, null, null, 66.7]);
    expect(t.totals).toEqual({ created: 6, completed: 4, failed: 3, cancelled: 2 });
    expect(t.totalFailureRate).toBe(42.9);
    expect(throughputSummary(statsRange('1h'), t)).toBe('In the last hour: 6 jobs created, 4 completed, 3 failed, 2 cancelled; 42.9% of finished jobs failed.');
  });

  it('says when no job finished rather than a rate of 0', () => {
    const t = throughputOf([makePoint('2025-01-01T10:00:00.000Z', { created: 1 })]);
    expect(throughputSummary(statsRange('7d'), t)).toBe('In the last 7 days: 1 job created, 0 completed, 0 failed, 0 cancelled; none finished.');
  });

  it('keeps gaps where a bucket has no sample, and names the highest p95 of any bucket', () => {
    const l = latencyOf(points);
    expect(l.waitP50).toEqual([100, null, 300, null]);
    expect(l.waitP95).toEqual([900, null, 1500, null]);
    expect(l.runP95).toEqual([4000, null, null, 9000]);
    expect(l.peakWaitP95).toBe(1500);
    expect(l.peakRunP95).toBe(9000);
    expect(latencySummary(statsRange('24h'), 'Analysis', l)).toBe('Analysis, the last 24 hours: wait p95 peaked at 1.5 s; run p95 peaked at 9.0 s (per 5-minute bucket).');
    expect(latencySummary(statsRange('1h'), 'Batch', latencyOf([points[1]]))).toBe('Batch: no job started or finished in the last hour.');
  });

  it('lists only the buckets where something happened, for the tables', () => {
    expect(activeBuckets(points).map((p) => p.at)).toEqual(['2025-01-01T10:00:00.000Z', '2025-01-01T10:02:00.000Z', '2025-01-01T10:03:00.000Z']);
  });

  it('gives the queue depth now, per type, most queued first, leaving idle types out', () => {
    const depth = queueDepthOf(
      makeSummary({
        by_status: { queued: 7, running: 3, completed: 10, failed: 1, cancelled: 0 },
        by_type: { analyze: { queued: 2, running: 2, completed: 9 }, generate_image: { queued: 5, running: 1 }, batch: { completed: 1 } },
      }),
    );
    expect(depth).toEqual({
      queued: 7,
      running: 3,
      byType: [
        { type: 'generate_image', queued: 5, running: 1 },
        { type: 'analyze', queued: 2, running: 2 },
      ],
    });
  });
});
