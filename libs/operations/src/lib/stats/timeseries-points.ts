import type { Percentiles, TimeseriesPoint } from '@atelier/contracts';
import type { TimeseriesWindow } from './timeseries-window';

/** The columns of the job records a time series is computed from (ISO text, as stored). */
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

/** Counts and percentiles per bucket; every bucket of the window is present, empty ones zero. */
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
  const rank = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
  return { p50: rank(50), p95: rank(95) };
}

// Times written by different nodes may disagree by a little clock skew: a duration never goes below zero.
function durationMs(from: string, to: string): number {
  return Math.max(0, Date.parse(to) - Date.parse(from));
}
