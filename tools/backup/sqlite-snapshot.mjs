// The database half of a backup: a consistent copy of the live SQLite file, and what it holds.
import Database from 'better-sqlite3';

const BUSY_TIMEOUT_MS = 10_000;
const ATELIER_TABLES = ['jobs', 'presets', 'images', 'blobs'];

export class BackupRefused extends Error {}

/**
 * Writes a snapshot of `source` to `target` while the server keeps writing. VACUUM INTO reads the
 * whole database inside one read transaction, so the copy is exactly the database as of one
 * commit; the online backup API would restart its copy every time the server commits meanwhile.
 */
export function snapshotDatabase(source, target) {
  const live = new Database(source, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  try {
    const tables = new Set(live.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all());
    const missing = ATELIER_TABLES.filter((t) => !tables.has(t));
    if (missing.length) throw new BackupRefused(`${source} is not an Atelier database (no table ${missing.join(', ')}).`);
    live.prepare('VACUUM INTO ?').run(target);
  } finally {
    live.close();
  }
}

/** Checks the snapshot and reads what it holds: the counts for the manifest and the blobs stored as files. */
export function describeSnapshot(file) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`the snapshot ${file} failed its integrity check: ${check}`);
    const count = (table) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
    const jobsByStatus = Object.fromEntries(db.prepare('SELECT status, count(*) AS n FROM jobs GROUP BY status ORDER BY status').raw().all());
    const hasMigrations = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'kysely_migration'").get();
    return {
      counts: { jobs: count('jobs'), jobs_by_status: jobsByStatus, presets: count('presets'), images: count('images'), blobs: count('blobs') },
      migration: hasMigrations ? db.prepare('SELECT max(name) FROM kysely_migration').pluck().get() : null,
      // Rows with inline bytes (data IS NOT NULL) need no file: the snapshot holds them.
      blobFiles: db.prepare('SELECT sha256, byte_size FROM blobs WHERE data IS NULL ORDER BY sha256').all(),
    };
  } finally {
    db.close();
  }
}
