// Writes a history of finished jobs (history-rows.mjs) through the product's own schema: a SQLite
// file migrated by the product, or a throw-away PostgreSQL schema migrated by it. Set-wise SQL in
// large transactions, so a million rows take a minute or less, not an hour of jobs.create().
import { join } from 'node:path';
import { openMigratedSqlite, writeSearchTexts } from './engines.mjs';
import { HISTORY_COLUMNS, historyRows } from './history-rows.mjs';
import { dist, require } from './workspace.mjs';

const BATCH = 5000;
const DEEP_ID = 'SELECT id FROM jobs ORDER BY id LIMIT 1 OFFSET ?';

/** Rows of the history in batches of `size`. */
function* batches(count, size) {
  const { uuidv7 } = dist('libs/platform/src/index.js');
  let batch = [];
  for (const row of historyRows(count, { now: Date.now(), uuidv7 })) {
    batch.push(row);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/**
 * Seeds `count` jobs into `dir`/atelier.db (migrated by the product). Answers the file's size in
 * bytes once checkpointed, and `deepId`: the id 10 % of the way from the oldest (a deep cursor).
 */
export async function seedSqliteHistory(dir, count) {
  const conn = await openMigratedSqlite(join(dir, 'atelier.db'));
  try {
    const insert = conn.prepare(`INSERT INTO jobs (${HISTORY_COLUMNS.join(', ')}) VALUES (${HISTORY_COLUMNS.map((c) => `@${c}`).join(', ')})`);
    const write = conn.transaction((rows) => rows.forEach((r) => insert.run(r)));
    for (const rows of batches(count, BATCH * 4)) write(rows);
    writeSearchTexts(conn);
    conn.pragma('wal_checkpoint(TRUNCATE)');
    const { bytes } = conn.prepare('SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()').get();
    return { bytes, deepId: conn.prepare(DEEP_ID).get(Math.floor(count * 0.1)).id };
  } finally {
    conn.close();
  }
}

/** PostgreSQL types of the columns that are not text. */
const PG_TYPES = { progress: 'double precision', current_step: 'integer', total_steps: 'integer', priority: 'integer', attempts: 'integer', max_attempts: 'integer' };

/**
 * Seeds `count` jobs into the (migrated) schema `schema`: one INSERT … SELECT FROM unnest(…) per
 * batch, a column per array. Answers the jobs table's size with its indexes in bytes (after VACUUM
 * ANALYZE and a checkpoint, as on a server that wrote this history over days: left to autovacuum
 * and the checkpointer, a million fresh rows are vacuumed and written out during the measured reads), and
 * `deepId` as for SQLite.
 */
export async function seedPostgresHistory(url, schema, count) {
  const pg = require('pg');
  const client = new pg.Client({ connectionString: url, options: `-c search_path="${schema}"` });
  await client.connect();
  try {
    const arrays = HISTORY_COLUMNS.map((c, i) => `$${i + 1}::${PG_TYPES[c] ?? 'text'}[]`).join(', ');
    const insert = `INSERT INTO jobs (${HISTORY_COLUMNS.join(', ')}) SELECT * FROM unnest(${arrays})`;
    // The trigram index of the search text (migration 011) is built once after the rows, not row by row.
    const { rows: searchIndexes } = await client.query(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = 'job_search' AND indexdef LIKE '%USING gin%'`, [schema]);
    await client.query('BEGIN');
    for (const { indexname } of searchIndexes) await client.query(`DROP INDEX "${indexname}"`);
    for (const rows of batches(count, BATCH)) {
      await client.query(insert, HISTORY_COLUMNS.map((c) => rows.map((r) => r[c])));
    }
    for (const { indexdef } of searchIndexes) await client.query(indexdef);
    await client.query('COMMIT');
    await client.query('VACUUM (ANALYZE) jobs, job_search');
    // The seed's ≈ 1.5 GB of dirty pages would otherwise be written out by the checkpointer while
    // the reads are measured. CHECKPOINT needs a superuser or pg_checkpoint; without, it is left to run.
    await client.query('CHECKPOINT').catch(() => undefined);
    const bytes = Number((await client.query(`SELECT pg_total_relation_size('jobs') AS bytes`)).rows[0].bytes);
    return { bytes, deepId: (await client.query(DEEP_ID.replace('?', '$1'), [Math.floor(count * 0.1)])).rows[0].id };
  } finally {
    await client.end();
  }
}
