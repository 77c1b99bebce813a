/** What the dashboard computes from the stats answers: chart series, totals, and their text summaries. */
import { JOB_TYPES, type JobType, type StatsSummary, type TimeseriesPoint } from '@atelier/contracts';
import { formatLatency } from '../shared/relative-time';
import type { StatsRange } from './stats-ranges';

export interface Totals {
  readonly created: number;
  readonly completed: number;
  readonly failed: number;
  readonly cancelled: number;
}

export interface Throughput {
  /** Start of each bucket, epoch ms. */
  readonly times: readonly number[];
  readonly created: readonly number[];
  readonly completed: readonly number[];
  readonly failed: readonly number[];
  /** Per bucket, percent of the finished jobs that failed; null where none finished. */
  readonly failureRate: readonly (number | null)[];
  readonly totals: Totals;
  /** Over the whole range. */
  readonly totalFailureRate: number | null;
}

export interface Latency {
  readonly times: readonly number[];
  readonly waitP50: readonly (number | null)[];
  readonly waitP95: readonly (number | null)[];
  readonly runP50: readonly (number | null)[];
  readonly runP95: readonly (number | null)[];
  /** The highest p95 of any bucket, null without samples. */
  readonly peakWaitP95: number | null;
  readonly peakRunP95: number | null;
}

export interface QueueDepth {
  readonly queued: number;
  readonly running: number;
  /** Types with jobs queued or running, most queued first. */
  readonly byType: readonly { readonly type: JobType; readonly queued: number; readonly running: number }[];
}

/**
 * Failed jobs as a percent of the jobs that finished by completing or failing (a cancelled job
 * says nothing about the system's health), one decimal; null when none did.
 */
export function failureRate(failed: number, completed: number): number | null {
  const finished = failed + completed;
  return finished === 0 ? null : Math.round((1000 * failed) / finished) / 10;
}

export function throughputOf(points: readonly TimeseriesPoint[]): Throughput {
  const totals = points.reduce<Totals>(
    (t, p) => ({ created: t.created + p.created, completed: t.completed + p.completed, failed: t.failed + p.failed, cancelled: t.cancelled + p.cancelled }),
    { created: 0, completed: 0, failed: 0, cancelled: 0 },
  );
  return {
    times: points.map((p) => Date.parse(p.at)),
    created: points.map((p) => p.created),
    completed: points.map((p) => p.completed),
    failed: points.map((p) => p.failed),
    failureRate: points.map((p) => failureRate(p.failed, p.completed)),
    totals,
    totalFailureRate: failureRate(totals.failed, totals.completed),
  };
}

export function latencyOf(points: readonly TimeseriesPoint[]): Latency {
  const waitP95 = points.map((p) => p.wait_ms.p95);
  const runP95 = points.map((p) => p.run_ms.p95);
  return {
    times: points.map((p) => Date.parse(p.at)),
    waitP50: points.map((p) => p.wait_ms.p50),
    waitP95,
    runP50: points.map((p) => p.run_ms.p50),
    runP95,
    peakWaitP95: peak(waitP95),
    peakRunP95: peak(runP95),
  };
}

export function queueDepthOf(summary: StatsSummary): QueueDepth {
  const byType = JOB_TYPES.map((type) => ({ type, queued: summary.by_type[type]?.queued ?? 0, running: summary.by_type[type]?.running ?? 0 }))
    .filter((t) => t.queued + t.running > 0)
    .sort((a, b) => b.queued - a.queued || b.running - a.running);
  return { queued: summary.by_status.queued ?? 0, running: summary.by_status.running ?? 0, byType };
}

/** The buckets where something happened, for the table next to a chart (empty buckets would drown it). */
export function activeBuckets(points: readonly TimeseriesPoint[]): TimeseriesPoint[] {
  return points.filter((p) => p.created + p.completed + p.failed + p.cancelled > 0 || p.wait_ms.p50 !== null || p.run_ms.p50 !== null);
}

export function throughputSummary(range: StatsRange, t: Throughput): string {
  const { created, completed, failed, cancelled } = t.totals;
  const counts = `${count(created, 'job')} created, ${completed} completed, ${failed} failed, ${cancelled} cancelled`;
  const rate = t.totalFailureRate === null ? 'none finished' : `${t.totalFailureRate}% of finished jobs failed`;
  return `In ${range.description}: ${counts}; ${rate}.`;
}

export function latencySummary(range: StatsRange, typeLabel: string, l: Latency): string {
  if (l.peakWaitP95 === null && l.peakRunP95 === null) return `${typeLabel}: no job started or finished in ${range.description}.`;
  const wait = l.peakWaitP95 === null ? 'no job started' : `wait p95 peaked at ${formatLatency(l.peakWaitP95)}`;
  const run = l.peakRunP95 === null ? 'no job finished' : `run p95 peaked at ${formatLatency(l.peakRunP95)}`;
  return `${typeLabel}, ${range.description}: ${wait}; ${run} (per ${range.bucketLabel} bucket).`;
}

function peak(values: readonly (number | null)[]): number | null {
  return values.reduce<number | null>((max, v) => (v !== null && (max === null || v > max) ? v : max), null);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
