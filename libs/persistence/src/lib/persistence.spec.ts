import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { migrateToLatest } from './migrations/migrations';
import { openSqliteDatabase } from './sqlite-database';
import { FileBlobStore } from './blobs/file-blob-store';
import { sha256Hex } from './blobs/sha256';
import type { AtelierDb } from './schema';

describe('embedded persistence (SQLite file)', () => {
  let dir: string;
  let db: AtelierDb;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'atelier-persist-'));
    db = openSqliteDatabase(join(dir, 'atelier.db'));
    await migrateToLatest(db, 'sqlite');
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens in WAL mode with foreign keys on, and migrating twice is a no-op', async () => {
    const mode = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(db);
    expect(mode.rows[0].journal_mode).toBe('wal');
    const fk = await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(db);
    expect(fk.rows[0].foreign_keys).toBe(1);
    await migrateToLatest(db, 'sqlite');
    const tables = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`.execute(db);
    expect(tables.rows.map((r) => r.name)).toEqual(expect.arrayContaining(['jobs', 'job_dependencies', 'blobs', 'images', 'presets']));
  });

  it('stores blobs by content: the same bytes are stored once', async () => {
    const store = new FileBlobStore(db, join(dir, 'blobs'));
    const bytes = Buffer.from('hello image');
    const a = await store.put(bytes, 'image/png');
    const b = await store.put(Buffer.from(bytes), 'image/png');
    expect(a.sha256).toBe(sha256Hex(bytes));
    expect(b.sha256).toBe(a.sha256);
    expect(readdirSync(join(dir, 'blobs', a.sha256.slice(0, 2)))).toEqual([a.sha256]);
    const rows = await db.selectFrom('blobs').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect((await store.get(a.sha256))?.toString()).toBe('hello image');
    await store.delete(a.sha256);
    expect(await store.has(a.sha256)).toBe(false);
    expect(await store.get(a.sha256)).toBeUndefined();
  });

  it('checkpoints the WAL into the database file from a worker thread, not on a commit', async () => {
    await sql`CREATE TABLE filler (v TEXT NOT NULL)`.execute(db);
    const file = join(dir, 'atelier.db');
    const before = statSync(file).size;
    const rows = Array.from({ length: 500 }, (_, i) => ({ v: `${i}`.padEnd(2000, '.') }));
    await db.transaction().execute(async (trx) => {
      for (const row of rows) await sql`INSERT INTO filler (v) VALUES (${row.v})`.execute(trx);
    });
    // About 1 MB went to the WAL; the backstop threshold is far away, so only the worker copies it back.
    const deadline = Date.now() + 10_000;
    while (statSync(file).size < before + 900_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(statSync(file).size).toBeGreaterThan(before + 900_000);
    const count = await sql<{ n: number }>`SELECT count(*) AS n FROM filler`.execute(db);
    expect(count.rows[0].n).toBe(500);
  });
});
