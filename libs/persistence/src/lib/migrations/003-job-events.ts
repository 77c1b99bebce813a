import { sql, type Kysely } from 'kysely';
import type { SqlDialectName } from '../schema';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * The event log of QUEUE_BACKEND=postgres (PostgreSQL only: on SQLite the events live in memory).
 * The bigserial id is the stream cursor; job_id makes "the newest event of a job" an index look-up.
 * Earlier versions had the bus create the table itself, without job_id: such a table is adopted.
 */
export function jobEventsMigration(dialect: SqlDialectName) {
  return {
    async up(db: AnyDb): Promise<void> {
      if (dialect !== 'postgres') return;
      await db.schema
        .createTable('job_events')
        .ifNotExists()
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('job_id', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .execute();
      await sql`ALTER TABLE job_events ADD COLUMN IF NOT EXISTS job_id text`.execute(db);
      await sql`UPDATE job_events SET job_id = coalesce(body::json #>> '{data,job_id}', '') WHERE job_id IS NULL`.execute(db);
      await sql`ALTER TABLE job_events ALTER COLUMN job_id SET NOT NULL`.execute(db);
      await db.schema.createIndex('job_events_job_idx').ifNotExists().on('job_events').columns(['job_id', 'id']).execute();
    },
  };
}
