import type { Kysely } from 'kysely';
import type { SqlDialectName } from '../schema';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
type AnyDb = Kysely<any>;

/**
 * The operator's records: each job's durable timeline (kept as long as the job), the paused state
 * of each job type's queue (cluster-wide, durable across restarts), the task-panel dismissals of
 * each user, and the index the wait-time series reads.
 */
export function operationsMigration(dialect: SqlDialectName) {
  return {
    async up(db: AnyDb): Promise<void> {
      await db.schema
        .createTable('job_timeline')
        .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('job_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('actor', 'text')
        .execute();
      await db.schema.createIndex('job_timeline_job_idx').on('job_timeline').columns(['job_id', 'id']).execute();

      await db.schema
        .createTable('queue_states')
        .addColumn('type', 'text', (c) => c.primaryKey())
        .addColumn('paused', 'integer', (c) => c.notNull())
        .addColumn('changed_at', 'text', (c) => c.notNull())
        .addColumn('changed_by', 'text')
        .execute();

      await db.schema
        .createTable('job_dismissals')
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('job_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('job_dismissals_pk', ['user_id', 'job_id'])
        .execute();
      await db.schema.createIndex('job_dismissals_job_idx').on('job_dismissals').column('job_id').execute();

      // Wait times are read by start time over a window (the time series); created and finished already have theirs.
      await db.schema.createIndex('jobs_started_idx').on('jobs').column('started_at').execute();
    },
  };
}
