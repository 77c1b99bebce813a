// The job engine assembled without Nest (as the contract suite does): embedded over a SQLite
// file, or distributed over PostgreSQL + BullMQ/Redis when libs/distributed provides the drivers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dist, distExists, require } from './workspace.mjs';

export const ENGINE_CONFIG = { jobMaxAttempts: 3, jobTimeoutMs: 30_000, retryBaseDelayMs: 100, retentionDays: 7 };

/** A handler that answers at once, for `type`. */
export function instantHandler(type, onRun) {
  return {
    type,
    async run(ctx) {
      onRun?.(ctx);
      return { result: {} };
    },
  };
}

/** An embedded engine (SQLite file in a fresh temp dir, in-process dispatcher, memory bus). */
export async function embeddedEngine({ handlers, concurrency = 100 }) {
  const { migrateToLatest, openSqliteDatabase } = dist('libs/persistence/src/index.js');
  const { JobEngine, KyselyJobStore, MemoryEventBus, InProcessDispatcher } = dist('libs/jobs/src/index.js');
  const dir = mkdtempSync(join(tmpdir(), 'atelier-bench-'));
  const db = openSqliteDatabase(join(dir, 'atelier.db'));
  await migrateToLatest(db, 'sqlite');
  const engine = new JobEngine({
    store: new KyselyJobStore(db, 'sqlite'),
    bus: new MemoryEventBus(10_000),
    dispatcher: new InProcessDispatcher({ concurrency, typeConcurrency: {} }),
    handlers,
    config: ENGINE_CONFIG,
    expectedTypes: handlers.map((h) => h.type),
  });
  await engine.startWorkers({ recover: false });
  return {
    engine,
    async close() {
      await engine.stop(1000);
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A SQLite file migrated by the product, opened straight on better-sqlite3 with its pragmas (for seeding and floors). */
export async function openMigratedSqlite(file) {
  const { migrateToLatest, openSqliteDatabase } = dist('libs/persistence/src/index.js');
  const db = openSqliteDatabase(file);
  await migrateToLatest(db, 'sqlite');
  await db.destroy();
  const Database = require('better-sqlite3');
  const conn = new Database(file);
  conn.pragma('journal_mode = WAL');
  conn.pragma('synchronous = NORMAL');
  conn.pragma('foreign_keys = ON');
  return conn;
}

/**
 * The search texts of jobs written straight by SQL, as the product writes them after each insert
 * (JobSearchIndexer, migration 014): in one pass, the FTS5 index rebuilt once from them rather than
 * row by row (its trigger on job_search is set aside meanwhile).
 */
export function writeSearchTexts(conn) {
  const { jobSearchBodySql } = dist('libs/persistence/src/index.js');
  const ftsTriggers = conn.prepare(`SELECT sql, name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'job_search'`).all();
  conn.transaction(() => {
    for (const t of ftsTriggers) conn.exec(`DROP TRIGGER "${t.name}"`);
    // `n`, not `j`: the body's own subquery reads the job as `j`.
    conn.exec(`INSERT INTO job_search (job_id, body) SELECT n.id, ${jobSearchBodySql('sqlite', 'n.id')} FROM jobs n ORDER BY n.id ON CONFLICT (job_id) DO NOTHING`);
    conn.exec(`INSERT INTO job_search_fts (job_search_fts) VALUES ('rebuild')`);
    for (const t of ftsTriggers) conn.exec(t.sql);
  })();
}
