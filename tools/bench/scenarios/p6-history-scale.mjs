// P6: history scale. 100,000 finished jobs in the SQLite store; GET /api/jobs first page and a
// deep cursor page (p99 under load from autocannon), and the server's RSS afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openMigratedSqlite, writeSearchTexts } from '../lib/engines.mjs';
import { startServer } from '../lib/server.mjs';
import { openLoop } from '../lib/open-loop.mjs';
import { acrossRounds, latencySummary, percentile, round } from '../lib/stats.mjs';
import { dist, require } from '../lib/workspace.mjs';

/** Writes `count` finished analyze jobs (the last hour) straight into a migrated SQLite file. */
export async function seed(dir, count) {
  const { uuidv7 } = dist('libs/platform/src/index.js');
  const conn = await openMigratedSqlite(join(dir, 'atelier.db'));
  const insert = conn.prepare(`INSERT INTO jobs (id, type, status, title, progress, current_step, total_steps, step_label, parent_id, child_ids, depends_on,
    priority, attempts, max_attempts, input, result, error, metadata, owner, run_at, created_at, started_at, finished_at, updated_at)
    VALUES (?, 'analyze', ?, 'Hair color analysis', 1, 4, 4, ?, NULL, '[]', '[]', 0, 1, 3, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?)`);
  const start = Date.now() - 3_600_000;
  const ids = [];
  conn.transaction(() => {
    for (let i = 0; i < count; i++) {
      const created = start + Math.floor((i * 3_000_000) / count);
      const id = uuidv7(created);
      ids.push(id);
      const failed = i % 20 === 0;
      const iso = (ms) => new Date(ms).toISOString();
      insert.run(
        id,
        failed ? 'failed' : 'completed',
        failed ? 'Failed' : 'Completed',
        JSON.stringify({ analyzer: 'hair-color', image_id: 'f'.repeat(64) }),
        failed ? null : JSON.stringify({ preset_id: id, analyzer: 'hair-color', data: { base_color: 'chestnut brown', highlights: 'none', technique: 'natural' } }),
        failed ? JSON.stringify({ message: 'upstream failed', code: 'upstream_error', retryable: true }) : null,
        JSON.stringify({ provider: 'offline', model: 'offline' }),
        iso(created),
        iso(created + 100),
        iso(created + 2100),
        iso(created + 2100),
      );
    }
  })();
  writeSearchTexts(conn);
  conn.pragma('wal_checkpoint(TRUNCATE)');
  conn.close();
  return ids;
}

function cannon(opts) {
  const autocannon = require('autocannon');
  return new Promise((resolve, reject) => autocannon(opts, (err, res) => (err ? reject(err) : resolve(res))));
}

export default {
  id: 'P6',
  title: 'History scale (100,000 finished jobs)',
  goals: ['GET /api/jobs first page p99 ≤ 20 ms', 'GET /api/jobs deep cursor page p99 ≤ 20 ms', 'server RSS ≤ 250 MB'],
  async run({ quick, log }) {
    const count = quick ? 10_000 : 100_000;
    const seconds = quick ? 1 : 6;
    const rounds = quick ? 1 : 3;
    const dir = mkdtempSync(join(tmpdir(), 'atelier-bench-p6-'));
    let server;
    try {
      const t0 = Date.now();
      const ids = await seed(dir, count);
      log(`  seeded ${count} jobs in ${Date.now() - t0} ms`);
      // A cursor 90 % of the way back in history (ids ascend with time, pages go newest first).
      // Cursors are base64url of the last id of a page (encodeCursor in libs/platform); checked below against the answer.
      const deepId = ids[Math.floor(count * 0.1)];
      const deep = Buffer.from(deepId, 'utf8').toString('base64url');
      server = await startServer({ dataDir: dir });
      const rssIdle = server.rssMb();
      const first = await (await fetch(`${server.url}/api/jobs?limit=50`, { headers: server.auth })).json();
      if (first.jobs?.length !== 50) throw new Error(`GET /api/jobs answered ${JSON.stringify(first).slice(0, 200)}`);
      const deepPage = await (await fetch(`${server.url}/api/jobs?limit=50&cursor=${deep}`, { headers: server.auth })).json();
      if (deepPage.jobs?.length !== 50 || !(deepPage.jobs[0].job_id < deepId)) throw new Error(`deep page answered ${JSON.stringify(deepPage).slice(0, 200)}`);
      const closedLoop = async (path) => {
        const res = await cannon({ url: `${server.url}${path}`, headers: server.auth, connections: 10, duration: seconds });
        if (res.non2xx || res.errors) throw new Error(`${path}: ${res.non2xx} non-2xx, ${res.errors} errors`);
        return res;
      };
      // Open loop at a fixed 100 req/s (as P1): the latency of a page, not the queue of a saturated server.
      const page = async (path) => {
        const res = await openLoop({ url: `${server.url}${path}`, headers: server.auth, rate: 100, seconds });
        if (res.errors || res.latencies.length !== (res.statuses[200] ?? 0)) throw new Error(`${path}: ${JSON.stringify(res.statuses)}, ${res.errors} errors`);
        return res.latencies;
      };
      await closedLoop('/api/jobs?limit=50'); // warm-up
      const firstRounds = [];
      const deepRounds = [];
      const rps = [];
      for (let r = 0; r < rounds; r++) {
        const a = await page('/api/jobs?limit=50');
        const b = await page(`/api/jobs?limit=50&cursor=${deep}`);
        const c = await closedLoop('/api/jobs?limit=50');
        firstRounds.push(a);
        deepRounds.push(b);
        rps.push(c.requests.total / seconds);
        log(`  round ${r + 1}: first page p99 ${percentile(a, 99).toFixed(1)} ms, deep page p99 ${percentile(b, 99).toFixed(1)} ms; saturated ${(c.requests.total / seconds).toFixed(0)} req/s`);
      }
      const rss = server.rssMb();
      const f = latencySummary(firstRounds);
      const d = latencySummary(deepRounds);
      return {
        metrics: [
          { key: 'first_page_ms', label: 'first page (limit 50) at 100 req/s', unit: 'ms', ...f },
          { key: 'deep_page_ms', label: 'deep cursor page (limit 50) at 100 req/s', unit: 'ms', ...d },
          { key: 'first_page_rps', label: 'first page, saturation req/s (10 clients, closed loop)', unit: 'req/s', ...acrossRounds(rps) },
          { key: 'rss_idle_mb', label: 'server RSS right after boot', unit: 'MB', median: round(rssIdle, 1) },
          { key: 'rss_mb', label: 'server RSS after the runs', unit: 'MB', median: round(rss, 1) },
        ],
        goals: [
          { label: this.goals[0], unit: 'ms', value: f.p99, min: f.p99Rounds.min, max: f.p99Rounds.max, met: f.p99 <= 20, note: `p50 ${f.p50.toFixed(1)} ms` },
          { label: this.goals[1], unit: 'ms', value: d.p99, min: d.p99Rounds.min, max: d.p99Rounds.max, met: d.p99 <= 20, note: `p50 ${d.p50.toFixed(1)} ms` },
          { label: this.goals[2], unit: 'MB', value: round(rss, 1), met: rss <= 250, note: `after boot ${rssIdle.toFixed(0)} MB` },
        ],
        notes: [`${count} finished jobs seeded into SQLite; open loop at a fixed 100 req/s for the p99s (latency from each request's due time), then autocannon closed loop (10 connections) for saturation, ${seconds} s per round, ${rounds} round(s). Every request carries an API key (Authorization: Bearer).`],
      };
    } finally {
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
