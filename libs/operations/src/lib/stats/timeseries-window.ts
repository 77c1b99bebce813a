import { STATS_BUCKETS, type StatsBucket } from '@atelier/contracts';
import { InvalidInputError } from '@atelier/platform';

export const BUCKET_MS: Record<StatsBucket, number> = { '1m': 60_000, '5m': 300_000, '1h': 3_600_000, '1d': 86_400_000 };
/** Points one time series may hold. */
export const MAX_POINTS = 2000;
/** Without `bucket`, the finest bucket that gives at most this many points (24 h → 1h). */
const DEFAULT_POINTS = 200;
const DEFAULT_SPAN_MS = 24 * 3_600_000;

/** The buckets a time series covers: `from` is the start of the first bucket (aligned to the bucket size, UTC), `to` is exclusive. */
export interface TimeseriesWindow {
  bucket: StatsBucket;
  bucketMs: number;
  from: number;
  to: number;
  points: number;
}

export interface WindowRequest {
  from?: string;
  to?: string;
  bucket?: StatsBucket;
}

/**
 * Resolves the defaults (to = now, from = to − 24 h, bucket by the span) and refuses a window that
 * is empty or would hold more than MAX_POINTS buckets, saying how to narrow it.
 */
export function planWindow(request: WindowRequest, now = Date.now()): TimeseriesWindow {
  const to = request.to === undefined ? now : parseInstant(request.to, 'to');
  const from = request.from === undefined ? to - DEFAULT_SPAN_MS : parseInstant(request.from, 'from');
  if (from >= to) {
    const message = `from must be before to (from ${new Date(from).toISOString()}, to ${new Date(to).toISOString()})`;
    throw new InvalidInputError(message, { errors: [{ field: 'from', message }] });
  }
  const bucket = request.bucket ?? defaultBucket(from, to);
  const bucketMs = BUCKET_MS[bucket];
  const aligned = Math.floor(from / bucketMs) * bucketMs;
  const points = Math.ceil((to - aligned) / bucketMs);
  if (points > MAX_POINTS) {
    const coarser = STATS_BUCKETS.filter((b) => BUCKET_MS[b] > bucketMs && countPoints(from, to, b) <= MAX_POINTS);
    const hint = coarser.length ? `pick a larger bucket (${coarser.join(', ')}) or a shorter range` : 'shorten the range between from and to';
    const message = `This range asks for ${points} points of ${bucket}; at most ${MAX_POINTS} are served: ${hint}.`;
    throw new InvalidInputError(message, { errors: [{ field: 'bucket', message }] });
  }
  return { bucket, bucketMs, from: aligned, to, points };
}

function countPoints(from: number, to: number, bucket: StatsBucket): number {
  const size = BUCKET_MS[bucket];
  return Math.ceil((to - Math.floor(from / size) * size) / size);
}

function defaultBucket(from: number, to: number): StatsBucket {
  return STATS_BUCKETS.find((b) => countPoints(from, to, b) <= DEFAULT_POINTS) ?? '1d';
}

/** An ISO-8601 instant; one without a zone is read as UTC (every time of the API is UTC). */
function parseInstant(text: string, field: 'from' | 'to'): number {
  const zoned = /T[\d:.]+$/.test(text) ? `${text}Z` : text;
  const at = Date.parse(zoned);
  if (Number.isNaN(at)) {
    const message = `${field} must be an ISO-8601 time such as 2026-01-31T12:00:00Z, got "${text.slice(0, 40)}"`;
    throw new InvalidInputError(message, { errors: [{ field, message }] });
  }
  return at;
}

/** Buckets [first, end) of `window` as a window of their own (the last one may end at `window.to`, before its edge). */
export function subWindow(window: TimeseriesWindow, first: number, end: number): TimeseriesWindow {
  const from = window.from + first * window.bucketMs;
  return { ...window, from, to: Math.min(window.from + end * window.bucketMs, window.to), points: end - first };
}

/** How many leading buckets of `window` are whole and ended before `closedBefore`: those the cache may keep. */
export function closedBucketCount(window: TimeseriesWindow, closedBefore: number): number {
  const whole = Math.floor((Math.min(window.to, closedBefore) - window.from) / window.bucketMs);
  return Math.max(0, Math.min(window.points, whole));
}
