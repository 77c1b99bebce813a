import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { parseConfig } from '@atelier/platform';
import { migrateToLatest } from '../migrations/migrations';
import { openSqliteDatabase } from '../sqlite-database';
import { ensurePostgresSchema, openPostgresDatabase } from '../postgres-database';
import type { AtelierDb } from '../schema';
import type { BlobStore } from './blob-store.port';
import { FileBlobStore } from './file-blob-store';
import { DatabaseBlobStore } from './database-blob-store';
import { BLOB_LEFTOVER_AGE_MS, BlobJanitor } from './blob-janitor';

const DATABASE_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const HOURS_AGO = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();

interface Fixture {
  db: AtelierDb;
  store: BlobStore;
  janitor: BlobJanitor;
  dir: string;
}

/** Stores bytes as an interrupted upload would have: a blob, then (for a finished upload) an image pointing at it. */
async function blob(f: Fixture, label: string, storedAt?: string): Promise<string> {
  const { sha256 } = await f.store.put(Buffer.from(label), 'image/png');
  if (storedAt) await f.db.updateTable('blobs').set({ created_at: storedAt }).where('sha256', '=', sha256).execute();
  return sha256;
}

async function image(f: Fixture, original: string, normalised: string, thumbnail: string): Promise<void> {
  await f.db
    .insertInto('images')
    .values({ image_id: original, sha256: original, mime_type: 'image/png', width: 1, height: 1, byte_size: 1, normalized_sha256: normalised, thumbnail_sha256: thumbnail, created_at: HOURS_AGO(3) })
    .execute();
}

const rows = async (f: Fixture) => (await f.db.selectFrom('blobs').select('sha256').execute()).map((r) => r.sha256).sort();

function sharedCases(open: () => Promise<Fixture>, close: (f: Fixture) => Promise<void>): void {
  let f: Fixture;
  beforeEach(async () => (f = await open()));
  afterEach(() => close(f));

  it('deletes old blobs no image references, and keeps referenced and recent ones', async () => {
    const original = await blob(f, 'original', HOURS_AGO(3));
    const normalised = await blob(f, 'normalised', HOURS_AGO(3));
    const thumbnail = await blob(f, 'thumbnail', HOURS_AGO(3));
    await image(f, original, normalised, thumbnail);
    const orphan = await blob(f, 'orphan of a killed upload', HOURS_AGO(2));
    const uploading = await blob(f, 'an upload in progress');

    expect(await f.janitor.sweep()).toMatchObject({ orphans: 1 });
    expect(await rows(f)).toEqual([original, normalised, thumbnail, uploading].sort());
    expect(await f.store.get(orphan)).toBeUndefined();
    expect((await f.store.get(original))?.toString()).toBe('original');
    expect(await f.janitor.sweep()).toMatchObject({ orphans: 0 });
  });

  it('keeps an old orphan that is being stored again right now', async () => {
    const sha = await blob(f, 'uploaded again', HOURS_AGO(2));
    const [stored, swept] = await Promise.all([f.store.put(Buffer.from('uploaded again'), 'image/png'), f.janitor.sweep()]);
    expect(stored.sha256).toBe(sha);
    expect(swept.orphans).toBe(0);
    // The new upload's image can point at it: row and bytes are both there.
    await image(f, sha, sha, sha);
    expect((await f.store.get(sha))?.toString()).toBe('uploaded again');
  });

  it('pages through many candidates', async () => {
    for (let i = 0; i < 450; i++) await blob(f, `orphan ${i}`);
    await f.db.updateTable('blobs').set({ created_at: HOURS_AGO(2) }).execute();
    expect(await f.janitor.sweep()).toMatchObject({ orphans: 450 });
    expect(await rows(f)).toEqual([]);
  });
}

async function openEmbedded(): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-janitor-'));
  const db = openSqliteDatabase(join(dir, 'atelier.db'));
  await migrateToLatest(db, 'sqlite');
  const store = new FileBlobStore(db, join(dir, 'blobs'));
  return { db, store, dir, janitor: new BlobJanitor(db, store, parseConfig({ DATA_DIR: dir })) };
}

async function closeEmbedded(f: Fixture): Promise<void> {
  await f.db.destroy();
  rmSync(f.dir, { recursive: true, force: true });
}

describe('BlobJanitor on the embedded store (SQLite + files)', () => {
  sharedCases(openEmbedded, closeEmbedded);

  describe('temporary files', () => {
    let f: Fixture;
    beforeEach(async () => (f = await openEmbedded()));
    afterEach(() => closeEmbedded(f));

    it('removes temp files older than the grace period and keeps the ones being written', async () => {
      const { sha256 } = await f.store.put(Buffer.from('kept'), 'image/png');
      const folder = join(f.dir, 'blobs', 'ab');
      mkdirSync(folder, { recursive: true });
      const stale = join(folder, `ab${'0'.repeat(62)}.${randomBytes(4).toString('hex')}.tmp`);
      const fresh = join(folder, `ab${'1'.repeat(62)}.${randomBytes(4).toString('hex')}.tmp`);
      writeFileSync(stale, Buffer.alloc(1024));
      writeFileSync(fresh, Buffer.alloc(1024));
      const old = new Date(Date.now() - BLOB_LEFTOVER_AGE_MS - 60_000);
      utimesSync(stale, old, old);

      expect(await f.janitor.sweep()).toEqual({ orphans: 0, temporaryFiles: 1 });
      expect(existsSync(stale)).toBe(false);
      expect(existsSync(fresh)).toBe(true);
      expect(readdirSync(join(f.dir, 'blobs', sha256.slice(0, 2)))).toEqual([sha256]);
    });

    it('has nothing to do before the first upload', async () => {
      expect(await f.janitor.sweep()).toEqual({ orphans: 0, temporaryFiles: 0 });
    });
  });
});

describe('BlobJanitor on the distributed store (PostgreSQL)', () => {
  const schemas: string[] = [];
  afterAll(async () => {
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schemas.map((s) => `"${s}"`).join(', ')} CASCADE`);
    await client.end();
  });

  sharedCases(
    async () => {
      const schema = `t_janitor_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
      schemas.push(schema);
      await ensurePostgresSchema(DATABASE_URL, schema);
      const db = openPostgresDatabase(DATABASE_URL, schema, 2);
      await migrateToLatest(db, 'postgres');
      const store = new DatabaseBlobStore(db);
      return { db, store, dir: '', janitor: new BlobJanitor(db, store, parseConfig({ DATABASE_URL, QUEUE_BACKEND: 'postgres' })) };
    },
    (f) => f.db.destroy(),
  );
});
