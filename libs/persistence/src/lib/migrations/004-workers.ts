import type { Kysely } from 'kysely';
import type { SqlDialectName } from '../schema';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
type AnyDb = Kysely<any>;

/**
 * Processes that run jobs, with their heartbeat, and the worker that runs each job: what the
 * sweep needs to find a running job whose worker is gone (crashed, killed, lost its store).
 */
export function workersMigration(_dialect: SqlDialectName) {
  return {
    async up(db: AnyDb): Promise<void> {
      await db.schema
        .createTable('workers')
        .addColumn('worker_id', 'text', (c) => c.primaryKey())
        .addColumn('host', 'text', (c) => c.notNull())
        .addColumn('pid', 'integer', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('concurrency', 'integer', (c) => c.notNull())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('workers_last_seen_idx').on('workers').column('last_seen_at').execute();
      await db.schema.alterTable('jobs').addColumn('worker_id', 'text').execute();
    },
  };
}
