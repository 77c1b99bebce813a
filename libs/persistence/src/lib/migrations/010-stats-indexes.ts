import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
type AnyDb = Kysely<any>;

/**
 * Covering indexes for the dashboard's time series: each of its queries reads a window of one time
 * column and, from the same index entry, every other column it needs (the wait's created_at, the
 * finished job's status and started_at, the type filter), never the job rows themselves (≈ 1 KB
 * each, read at random: most of the series' cost at 100k jobs, see issue #14). They replace the
 * single-column indexes on those times, which they serve as well (same leading column), so writes
 * keep paying for three time indexes on `jobs`, not six.
 */
export function statsIndexesMigration() {
  return {
    async up(db: AnyDb): Promise<void> {
      await db.schema.createIndex('jobs_created_stats_idx').on('jobs').columns(['created_at', 'type']).execute();
      await db.schema.createIndex('jobs_started_stats_idx').on('jobs').columns(['started_at', 'created_at', 'type']).execute();
      await db.schema.createIndex('jobs_finished_stats_idx').on('jobs').columns(['finished_at', 'status', 'started_at', 'type']).execute();
      for (const replaced of ['jobs_created_idx', 'jobs_started_idx', 'jobs_finished_idx']) await db.schema.dropIndex(replaced).execute();
    },
  };
}
