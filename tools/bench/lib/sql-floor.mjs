// The floor under P3 embedded: the engine's own four statements per job (insert, start, end,
// dependents), written by its JobSql, and the statement that writes the search texts of each 100
// new jobs (JobSearchIndexer), run straight on better-sqlite3 with the production pragmas, 100 jobs
// per transaction — no engine, no events, no handler, no promises. What the embedded engine can
// reach on one thread is below this.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openMigratedSqlite } from './engines.mjs';
import { benchJob, endGuard, endPatch, startGuard, startPatch } from './floor-jobs.mjs';
import { dist } from './workspace.mjs';

const BATCH = 100;

export async function openSqlFloor() {
  const { JobSql } = dist('libs/jobs/src/lib/drivers/job-sql.js');
  const { WRITE_SEARCH_TEXTS } = dist('libs/jobs/src/lib/drivers/job-search-indexer.js');
  const { newRecordToRow, patchToRow } = dist('libs/jobs/src/lib/drivers/job-row.js');
  const { uuidv7 } = dist('libs/platform/src/index.js');
  const dir = mkdtempSync(join(tmpdir(), 'atelier-floor-'));
  const db = await openMigratedSqlite(join(dir, 'atelier.db'));
  const jobSql = new JobSql('sqlite');
  const statements = new Map();
  const exec = (query) => {
    let stmt = statements.get(query.sql);
    if (!stmt) statements.set(query.sql, (stmt = db.prepare(query.sql)));
    return stmt.reader ? stmt.all(query.parameters) : stmt.run(query.parameters);
  };
  let changed = 0;
  const transition = (query) => (changed += exec(query).length);
  const inTransaction = (fn) => {
    db.exec('BEGIN IMMEDIATE');
    fn();
    db.exec('COMMIT');
  };
  return {
    round: (n) => async () => {
      changed = 0;
      const t0 = performance.now();
      for (let done = 0; done < n; done += BATCH) {
        const ids = Array.from({ length: Math.min(BATCH, n - done) }, () => uuidv7());
        inTransaction(() => {
          for (const id of ids) {
            const now = new Date().toISOString();
            exec(jobSql.insert(newRecordToRow(benchJob(id, now))));
          }
        });
        exec({ sql: WRITE_SEARCH_TEXTS, parameters: [JSON.stringify(ids)] });
        inTransaction(() => {
          for (const id of ids) {
            const now = new Date().toISOString();
            transition(jobSql.transition(id, ['queued'], patchToRow(startPatch(now), now), true, startGuard(now)));
          }
        });
        inTransaction(() => {
          for (const id of ids) {
            const now = new Date().toISOString();
            transition(jobSql.transition(id, ['running'], patchToRow(endPatch(now), now), false, endGuard));
            exec(jobSql.dependents(id));
          }
        });
      }
      const ms = performance.now() - t0;
      // Every job must have started and ended, or the figure would flatter the floor.
      if (changed !== 2 * n) throw new Error(`SQL floor: ${changed} of ${2 * n} transitions took effect`);
      return (n / ms) * 1000;
    },
    async close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
