import type { StatsBucket } from '@atelier/contracts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A range the dashboard shows, and the bucket its time series is cut into. */
export interface StatsRange {
  readonly id: '1h' | '24h' | '7d';
  /** On the range selector. */
  readonly label: string;
  /** In sentences: "in the last hour". */
  readonly description: string;
  readonly spanMs: number;
  readonly bucket: StatsBucket;
  readonly bucketMs: number;
  /** "1-minute", for "per 1-minute bucket". */
  readonly bucketLabel: string;
}

export const STATS_RANGES: readonly StatsRange[] = [
  { id: '1h', label: '1 h', description: 'the last hour', spanMs: HOUR, bucket: '1m', bucketMs: MINUTE, bucketLabel: '1-minute' },
  { id: '24h', label: '24 h', description: 'the last 24 hours', spanMs: DAY, bucket: '5m', bucketMs: 5 * MINUTE, bucketLabel: '5-minute' },
  { id: '7d', label: '7 d', description: 'the last 7 days', spanMs: 7 * DAY, bucket: '1h', bucketMs: HOUR, bucketLabel: '1-hour' },
];

/** The range a query parameter names; the last hour when it names none (the first question of an incident). */
export function statsRange(id: string | null | undefined): StatsRange {
  return STATS_RANGES.find((r) => r.id === id) ?? STATS_RANGES[0];
}

/** The time window of a range ending now. */
export function statsWindow(range: StatsRange, now: number): { from: Date; to: Date } {
  return { from: new Date(now - range.spanMs), to: new Date(now) };
}
