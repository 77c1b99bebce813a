import type { AtelierDb } from '@atelier/persistence';
import { JobSql, KyselyJobStore } from '@atelier/jobs';
import { PostgresWriteBatcher } from './postgres-write-batcher';

/** The job store of distributed mode: the Kysely store on PostgreSQL, its hot writes batched per event-loop turn. */
export function postgresJobStore(db: AtelierDb): KyselyJobStore {
  const sql = new JobSql('postgres');
  return new KyselyJobStore(db, 'postgres', { sql, batcher: new PostgresWriteBatcher(db, sql) });
}
