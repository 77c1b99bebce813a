import { sql, type RawBuilder } from 'kysely';
import type { SqlDialectName } from '@atelier/persistence';

/** A column of the jobs table holding an ISO-8601 time, as stored (text). */
export type TimeColumn = 'created_at' | 'started_at' | 'finished_at';

/**
 * Time arithmetic in SQL over the ISO text columns, in integer milliseconds, so the database sends
 * back bucket indexes and durations instead of one string per row. Each dialect's expression gives
 * what Date.parse gives in JavaScript: SQLite's unixepoch(…, 'subsec') (3.42+) keeps the
 * milliseconds, PostgreSQL's extract(epoch …) is an exact numeric.
 */
export interface TimeArithmetic {
  /** The index of the bucket a time falls in, counted from `from` (both in ms); the time is at or after `from`. */
  bucketIndex(column: TimeColumn, from: number, bucketMs: number): RawBuilder<number>;
  /** `to − from` in ms, never below zero (times written by different nodes may disagree by a little clock skew). */
  durationMs(from: TimeColumn, to: TimeColumn): RawBuilder<number>;
}

export function timeArithmetic(dialect: SqlDialectName): TimeArithmetic {
  const epochMs =
    dialect === 'postgres'
      ? (column: TimeColumn) => sql<number>`(extract(epoch from cast(${sql.ref(column)} as timestamptz)) * 1000)::bigint`
      : (column: TimeColumn) => sql<number>`cast(round(unixepoch(${sql.ref(column)}, 'subsec') * 1000) as integer)`;
  const larger = dialect === 'postgres' ? sql.raw('greatest') : sql.raw('max');
  return {
    // The casts keep the division an integer one: better-sqlite3 binds every JavaScript number as a real.
    bucketIndex: (column, from, bucketMs) => sql<number>`(${epochMs(column)} - cast(${from} as bigint)) / cast(${bucketMs} as bigint)`,
    durationMs: (from, to) => sql<number>`${larger}(0, ${epochMs(to)} - ${epochMs(from)})`,
  };
}
