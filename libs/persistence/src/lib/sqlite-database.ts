import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Logger } from '@nestjs/common';
import { Kysely } from 'kysely';
import type { AtelierTables } from './schema';
import { sqliteDialect } from './sqlite-dialect';
import { SqliteCheckpointer } from './sqlite-checkpointer';
import { StorageFaults } from './storage/storage-faults';
import { withStorageFaults } from './storage/storage-fault-dialect';

const BACKSTOP_CHECKPOINT_PAGES = 10_000;
const logger = new Logger('SQLite');

/**
 * The embedded database: one SQLite file in WAL mode. `synchronous=NORMAL` in WAL keeps every
 * committed transaction across a process crash (only an OS crash may lose the last ones).
 * A write the folder refuses (disk full, read-only) fails as a typed StorageError recorded in `faults`.
 */
export function openSqliteDatabase(file: string, faults = new StorageFaults()): Kysely<AtelierTables> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const connection = new BetterSqlite3(file);
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('busy_timeout = 5000');
  connection.pragma('foreign_keys = ON');
  if (file === ':memory:') return new Kysely<AtelierTables>({ dialect: sqliteDialect(connection) });
  // Checkpoints run on a worker thread; this threshold (≈ 40 MB of WAL) only matters if it falls behind.
  connection.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
  const folder = dirname(file);
  const checkpointer = new SqliteCheckpointer(file, (failure) => {
    if (faults.capture(failure, folder) !== failure) return;
    logger.warn(`WAL checkpoint: ${failure.message}${failure.repeats ? ` (${failure.repeats} more since the last report)` : ''}`);
  });
  const dialect = sqliteDialect(connection, () => checkpointer.stop());
  return new Kysely<AtelierTables>({ dialect: withStorageFaults(dialect, (error) => faults.capture(error, folder)) });
}
