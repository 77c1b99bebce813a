import type { Percentiles, TimeseriesPoint } from '@atelier/contracts';
import type { TimeseriesWindow } from './timeseries-window';

/**
 * What the database computes for a time series (see JobRecordsReader.timeseriesBuckets): counts and
 * percentiles per bucket, so the answer's size is bounded by the number of buckets, never by the
 * number of jobs. Buckets without jobs are absent.
 */
export interface TimeseriesBuckets {
  /** Jobs created per bucket. */
  created: { bucket: number; n: number }[];
  /** Jobs finished per bucket and status. */
  finished: { bucket: number; status: string; n: number }[];
  /** Nearest-rank percentiles of the waits of the jobs started in each bucket. */
  wait: BucketPercentiles[];
  /** The same of the run times of the jobs finished in each bucket (those that started). */
  run: BucketPercentiles[];
}

export interface BucketPercentiles {
  bucket: number;
  p50: number;
  p95: number;
}

/** Counts and percentiles per bucket from what the database computed; every bucket of the window is present, empty ones zero. */
export function pointsFromBuckets(window: TimeseriesWindow, computed: TimeseriesBuckets): TimeseriesPoint[] {
  const points: TimeseriesPoint[] = Array.from({ length: window.points }, (_, i) => ({
    at: new Date(window.from + i * window.bucketMs).toISOString(),
    created: 0,
    completed: 0,
    failed: 0,
    cancelled: 0,
    wait_ms: { p50: null, p95: null },
    run_ms: { p50: null, p95: null },
  }));
  for (const { bucket, n } of computed.created) points[bucket].created = n;
  for (const { bucket, status, n } of computed.finished) {
    if (status === 'completed' || status === 'failed' || status === 'cancelled') points[bucket][status] = n;
  }
  for (const { bucket, p50, p95 } of computed.wait) points[bucket].wait_ms = { p50, p95 };
  for (const { bucket, p50, p95 } of computed.run) points[bucket].run_ms = { p50, p95 };
  return points;
}

/** The 1-based rank of the nearest-rank p-th percentile of n sorted samples (n ≥ 1). */
export function nearestRank(p: number, n: number): number {
  return Math.max(1, Math.ceil((p / 100) * n));
}

/**
 * The columns of the job records a time series is computed from (ISO text, as stored): the
 * reference computation in memory, which pointsFromBuckets must match (the tests hold them to it).
 */
export interface TimeseriesRows {
  /** created_at of jobs created in the window. */
  created: string[];
  /** Jobs started in the window. */
  started: { created_at: string; started_at: string }[];
  /** Jobs finished in the window (started_at is null for a job cancelled while queued). */
  finished: { status: string; started_at: string | null; finished_at: string }[];
}

interface Bucket {
  created: number;
  completed: number;
  failed: number;
  cancelled: number;
  waits: number[];
  runs: number[];
}

/** Counts and percentiles per bucket from every row, in memory (the reference for pointsFromBuckets); every bucket present, empty ones zero. */
export function timeseriesPoints(window: TimeseriesWindow, rows: TimeseriesRows): TimeseriesPoint[] {
  const buckets: Bucket[] = Array.from({ length: window.points }, () => ({ created: 0, completed: 0, failed: 0, cancelled: 0, waits: [], runs: [] }));
  const bucketOf = (iso: string): Bucket | undefined => {
    const at = Date.parse(iso);
    if (at < window.from || at >= window.to) return undefined;
    return buckets[Math.floor((at - window.from) / window.bucketMs)];
  };
  for (const created of rows.created) {
    const bucket = bucketOf(created);
    if (bucket) bucket.created++;
  }
  for (const job of rows.started) {
    bucketOf(job.started_at)?.waits.push(durationMs(job.created_at, job.started_at));
  }
  for (const job of rows.finished) {
    const bucket = bucketOf(job.finished_at);
    if (!bucket) continue;
    if (job.status === 'completed' || job.status === 'failed' || job.status === 'cancelled') bucket[job.status]++;
    if (job.started_at !== null) bucket.runs.push(durationMs(job.started_at, job.finished_at));
  }
  return buckets.map((b, i) => ({
    at: new Date(window.from + i * window.bucketMs).toISOString(),
    created: b.created,
    completed: b.completed,
    failed: b.failed,
    cancelled: b.cancelled,
    wait_ms: percentiles(b.waits),
    run_ms: percentiles(b.runs),
  }));
}

/** Nearest-rank p50 and p95 (each a sample that occurred); null without samples. */
export function percentiles(samples: number[]): Percentiles {
  if (samples.length === 0) return { p50: null, p95: null };
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => sorted[nearestRank(p, sorted.length) - 1];
  return { p50: rank(50), p95: rank(95) };
}

// Times written by different nodes may disagree by a little clock skew: a duration never goes below zero.
function durationMs(from: string, to: string): number {
  return Math.max(0, Date.parse(to) - Date.parse(from));
}
