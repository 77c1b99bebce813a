import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely } from 'kysely';
import type { AtelierTables } from './schema';
import { sqliteDialect } from './sqlite-dialect';

/**
 * The embedded database: one SQLite file in WAL mode. `synchronous=NORMAL` in WAL keeps every
 * committed transaction across a process crash (only an OS crash may lose the last ones).
 */
export function openSqliteDatabase(file: string): Kysely<AtelierTables> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const connection = new BetterSqlite3(file);
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('busy_timeout = 5000');
  connection.pragma('foreign_keys = ON');
  return new Kysely<AtelierTables>({ dialect: sqliteDialect(connection) });
}
