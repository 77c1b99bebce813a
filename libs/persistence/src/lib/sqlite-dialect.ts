import type BetterSqlite3 from 'better-sqlite3';
import { SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type Dialect } from 'kysely';
import { GroupCommitSqliteDriver } from './sqlite-group-commit';

/**
 * Kysely's SQLite dialect on the group-commit driver: statements issued in the same event-loop
 * turn share one transaction and one COMMIT, prepared statements are reused, and no statement
 * resolves before it is committed (measured by `npm run bench`, P1 and P3).
 */
export function sqliteDialect(connection: BetterSqlite3.Database, beforeClose?: () => Promise<void>): Dialect {
  return {
    createDriver: () => new GroupCommitSqliteDriver(connection, beforeClose),
    createQueryCompiler: () => new SqliteQueryCompiler(),
    createAdapter: () => new SqliteAdapter(),
    createIntrospector: (db) => new SqliteIntrospector(db),
  };
}
