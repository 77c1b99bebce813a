import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { InsufficientStorageError, StorageReadOnlyError } from '@atelier/platform';
import { openSqliteDatabase } from '../sqlite-database';
import { sqliteDialect } from '../sqlite-dialect';
import { StorageFaults } from './storage-faults';
import { withStorageFaults } from './storage-fault-dialect';

interface Tables {
  filler: { v: string };
}

describe('database errors from a data folder that refuses writes', () => {
  let dir: string;
  let faults: StorageFaults;
  let db: Kysely<Tables>;
  beforeEach(async () => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    dir = mkdtempSync(join(tmpdir(), 'atelier-faults-'));
    faults = new StorageFaults();
    db = openSqliteDatabase(join(dir, 'atelier.db'), faults) as unknown as Kysely<Tables>;
    await sql`CREATE TABLE filler (v TEXT NOT NULL)`.execute(db);
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
    jest.restoreAllMocks();
  });

  // A database that may not grow fails with SQLite's own "database or disk is full" (SQLITE_FULL).
  const capTheFile = async () => {
    const pages = await sql<{ page_count: number }>`PRAGMA page_count`.execute(db);
    await sql.raw(`PRAGMA max_page_count = ${pages.rows[0].page_count + 1}`).execute(db);
  };
  const big = () => ({ v: 'x'.repeat(64 * 1024) });

  it('arrive as InsufficientStorageError naming the folder, and are recorded for the health check', async () => {
    await capTheFile();
    const failure = await db.insertInto('filler').values(big()).execute().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(InsufficientStorageError);
    expect((failure as Error).message).toContain(dir);
    expect(faults.recent(60_000)?.error).toBe(failure);
    // The connection stays usable for what fits.
    await db.insertInto('filler').values({ v: 'small' }).execute();
  });

  it('map inside an explicit transaction too, and it rolls back', async () => {
    await capTheFile();
    const failure = await db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('filler').values({ v: 'first' }).execute();
        await trx.insertInto('filler').values(big()).execute();
      })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(InsufficientStorageError);
    expect(await db.selectFrom('filler').selectAll().execute()).toEqual([]);
  });

  it('arrive as StorageReadOnlyError when the database file cannot be written', async () => {
    const readOnly = new Kysely<Tables>({
      dialect: withStorageFaults(sqliteDialect(new BetterSqlite3(join(dir, 'atelier.db'), { readonly: true })), (e) => faults.capture(e, dir)),
    });
    try {
      const failure = await readOnly.insertInto('filler').values({ v: 'a' }).execute().catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(StorageReadOnlyError);
      expect((failure as Error).message).toContain(`${dir} is not writable`);
    } finally {
      await readOnly.destroy();
    }
  });

  it('leave other errors as they were', async () => {
    const failure = await sql`INSERT INTO nowhere VALUES (1)`.execute(db).catch((e: unknown) => e);
    expect(failure).not.toBeInstanceOf(InsufficientStorageError);
    expect((failure as Error).message).toContain('no such table');
    expect(faults.recent(60_000)).toBeUndefined();
  });
});
