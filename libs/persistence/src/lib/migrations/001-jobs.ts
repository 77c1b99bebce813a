import { Kysely, sql } from 'kysely';
import type { SqlDialectName } from '../schema';

// Migrations take `Kysely<any>`: they run before the typed schema exists.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export function jobsMigration(dialect: SqlDialectName) {
  const real = dialect === 'postgres' ? 'double precision' : 'real';
  return {
    async up(db: AnyDb): Promise<void> {
      await db.schema
        .createTable('jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('progress', sql.raw(real), (c) => c.notNull().defaultTo(0))
        .addColumn('current_step', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('total_steps', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('step_label', 'text')
        .addColumn('parent_id', 'text', (c) => c.references('jobs.id').onDelete('cascade'))
        .addColumn('child_ids', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('depends_on', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(3))
        .addColumn('input', 'text', (c) => c.notNull())
        .addColumn('result', 'text')
        .addColumn('error', 'text')
        .addColumn('metadata', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('owner', 'text')
        .addColumn('run_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text')
        .addColumn('finished_at', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('jobs_status_idx').on('jobs').columns(['status', 'id']).execute();
      await db.schema.createIndex('jobs_type_idx').on('jobs').columns(['type', 'id']).execute();
      await db.schema.createIndex('jobs_parent_idx').on('jobs').columns(['parent_id', 'id']).execute();
      await db.schema.createIndex('jobs_created_idx').on('jobs').column('created_at').execute();
      await db.schema.createIndex('jobs_owner_idx').on('jobs').columns(['owner', 'id']).execute();
      await db.schema.createIndex('jobs_finished_idx').on('jobs').column('finished_at').execute();

      await db.schema
        .createTable('job_dependencies')
        .addColumn('job_id', 'text', (c) => c.notNull().references('jobs.id').onDelete('cascade'))
        .addColumn('depends_on_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('job_dependencies_pk', ['job_id', 'depends_on_id'])
        .execute();
      await db.schema.createIndex('job_dependencies_on_idx').on('job_dependencies').column('depends_on_id').execute();
    },
  };
}
