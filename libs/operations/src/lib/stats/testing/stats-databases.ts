import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { DATABASE_URL } from '@atelier/distributed/testing';
import { migrateToLatest, openPostgresRecords, openSqliteDatabase, type AtelierDb, type JobsTable } from '@atelier/persistence';

/** A migrated database of one test, and how to throw it away. */
export interface TestDatabase {
  db: AtelierDb;
  close: () => Promise<void>;
}

/** The databases the stats run on: a SQLite file and a PostgreSQL schema, each of this test alone. */
export const STATS_DATABASES: [string, () => Promise<TestDatabase>][] = [
  ['SQLite', sqliteDb],
  ['PostgreSQL', postgresDb],
];

/** A job record: an analysis of member A, queued, with these fields set. */
export function jobRecord(spec: Pick<JobsTable, 'created_at'> & Partial<JobsTable>): JobsTable {
  return {
    id: randomUUID(),
    type: 'analyze',
    status: 'queued',
    title: 'Hair color analysis',
    progress: 0,
    current_step: 0,
    total_steps: 1,
    step_label: null,
    parent_id: null,
    child_ids: '[]',
    depends_on: '[]',
    priority: 0,
    attempts: 0,
    max_attempts: 3,
    input: '{}',
    result: null,
    error: null,
    metadata: '{}',
    owner: 'user-a',
    run_at: null,
    started_at: null,
    finished_at: null,
    updated_at: spec.created_at,
    worker_id: null,
    ...spec,
  };
}

async function sqliteDb(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-stats-'));
  const db = openSqliteDatabase(join(dir, 'atelier.db'));
  await migrateToLatest(db, 'sqlite');
  return {
    db,
    close: async () => {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresDb(): Promise<TestDatabase> {
  const schema = `t_stats_${Date.now().toString(36)}_${randomUUID().slice(0, 6)}`;
  const db = await openPostgresRecords(DATABASE_URL, schema, 2);
  await migrateToLatest(db, 'postgres');
  return {
    db,
    close: async () => {
      await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(db);
      await db.destroy();
    },
  };
}
