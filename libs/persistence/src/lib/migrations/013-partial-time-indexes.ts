import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
type AnyDb = Kysely<any>;

/**
 * The started and finished time indexes hold only the jobs that have that time. Every query that
 * reads them asks for a range of the time (the dashboard's series, retention, the webhook outbox,
 * the task panel's recent window), which implies it is set, so SQLite and PostgreSQL still use them.
 * What changes is the engine's hot path: a queued or running job has no entry in the finished
 * index, so its status changes no longer move one (the finished index carries `status`), and a new
 * job adds no entries to either. Write cost per job on SQLite was ≈ 70 % above the schema of
 * migration 006 (`npm run bench`, P3 profile); this takes back most of what migrations 007 and
 * 010 added to it.
 */
export function partialTimeIndexesMigration() {
  return {
    async up(db: AnyDb): Promise<void> {
      await db.schema
        .createIndex('jobs_started_time_idx')
        .on('jobs')
        .columns(['started_at', 'created_at', 'type'])
        .where(sql.ref('started_at'), 'is not', null)
        .execute();
      await db.schema
        .createIndex('jobs_finished_time_idx')
        .on('jobs')
        .columns(['finished_at', 'status', 'started_at', 'type'])
        .where(sql.ref('finished_at'), 'is not', null)
        .execute();
      for (const replaced of ['jobs_started_stats_idx', 'jobs_finished_stats_idx']) await db.schema.dropIndex(replaced).execute();
    },
  };
}
