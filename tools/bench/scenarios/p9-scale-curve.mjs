// P9: how cost grows with history. Histories of 10k, 100k and 1M finished jobs (seeded by SQL
// through the product's schema) in SQLite behind the embedded server, and 1M in PostgreSQL behind
// a distributed server. Per size: boot to a healthy server, the jobs list (first page, deep cursor),
// search, the 7-day stats series, RSS, and storage per 1,000 jobs; full runs draw the curves to
// docs/benchmarks-scale.svg.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { dropNamespace, distributedStatus, openNamespace } from '../lib/distributed.mjs';
import { PG_URL, REDIS_URL } from '../lib/engines.mjs';
import { rareFileName } from '../lib/history-rows.mjs';
import { seedPostgresHistory, seedSqliteHistory } from '../lib/history-seed.mjs';
import { openLoopOnThread } from '../lib/open-loop-thread.mjs';
import { scaleChartSvg, SCALE_CHART_FILE } from '../lib/scale-chart.mjs';
import { startServer } from '../lib/server.mjs';
import { latencySummary, median, round } from '../lib/stats.mjs';
import { root } from '../lib/workspace.mjs';

export const GOALS = { bootMs: 5000, pageMs: 20, statsMs: 100, rssMb: 250 };
const DAY_MS = 86_400_000;
const COMMON_SEARCH = 'copper';

const sizesFrom = (raw, fallback) => (raw === undefined ? fallback : raw.split(',').filter(Boolean).map(Number));
export const countLabel = (n) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);

/** Server time a slow read may take in one probe (a million-job scan must not take the run's minutes). */
const PROBE_BUDGET_MS = 20_000;

/** One request on its own: its latency, after checking the answer. */
async function timedGet(server, path, check) {
  const t0 = performance.now();
  const res = await fetch(`${server.url}${path}`, { headers: server.auth });
  const body = await res.json();
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
  check?.(body);
  return ms;
}

/**
 * The p50/p99 of one read. A few requests alone first (warm-up, and its service time), then open
 * loop at `rate` for `seconds`, the rate lowered to keep the server at most half busy with this
 * read (at the full rate a slow read would measure a queue, not the read). A read too slow for 2/s
 * runs one at a time instead: at least 3 times, more while within PROBE_BUDGET_MS.
 */
async function probe(server, path, { rate, seconds, minSamples, check }) {
  const alone = [];
  while (alone.length < 5 && (alone.length < 1 || alone.reduce((a, b) => a + b) < 3000)) alone.push(await timedGet(server, path, check));
  const service = median(alone.slice(Math.min(2, alone.length - 1)));
  const used = Math.min(rate, 500 / service);
  if (used < 2) {
    const samples = [];
    const n = Math.max(3, Math.min(minSamples, Math.floor(PROBE_BUDGET_MS / service)));
    while (samples.length < n) samples.push(await timedGet(server, path));
    return { ...latencySummary([samples]), load: 'one at a time' };
  }
  const run = await openLoopOnThread({ url: `${server.url}${path}`, headers: server.auth, rate: used, seconds: Math.max(seconds, minSamples / used) });
  if (run.errors || run.latencies.length !== (run.statuses[200] ?? 0)) throw new Error(`GET ${path}: ${JSON.stringify(run.statuses)}, ${run.errors} errors`);
  return { ...latencySummary([run.latencies]), load: `open loop ${round(used, 1)}/s` };
}

const expect = (what, ok) => (body) => {
  if (!ok(body)) throw new Error(`${what} answered ${JSON.stringify(body).slice(0, 300)}`);
};

/** Boot, RSS and the four reads of one server over a history of `count` jobs. */
async function measure(server, { count, deepId, quick, log }) {
  const rssBootMb = server.rssMb();
  const load = { seconds: quick ? 0.5 : 4, minSamples: quick ? 10 : 20 };
  const deep = Buffer.from(deepId, 'utf8').toString('base64url');
  const rare = rareFileName(count);
  const from = new Date(Date.now() - 7 * DAY_MS).toISOString();
  const first = await probe(server, '/api/jobs?limit=50', { ...load, rate: 100, check: expect('first page', (b) => b.jobs?.length === 50) });
  const deepPage = await probe(server, `/api/jobs?limit=50&cursor=${deep}`, { ...load, rate: 100, check: expect('deep page', (b) => b.jobs?.length === 50 && b.jobs[0].job_id < deepId) });
  const searchRare = await probe(server, `/api/jobs?limit=50&q=${encodeURIComponent(rare)}`, { ...load, rate: 20, check: expect(`search ${rare}`, (b) => b.jobs?.length === 1) });
  const searchCommon = await probe(server, `/api/jobs?limit=50&q=${COMMON_SEARCH}`, { ...load, rate: 20, check: expect(`search ${COMMON_SEARCH}`, (b) => b.jobs?.length === 50) });
  const statsPath = `/api/stats/timeseries?from=${from}&bucket=1h`;
  const statsCheck = expect('7-day series', (b) => b.points?.length >= 168 && b.points.reduce((n, p) => n + p.completed + p.failed + p.cancelled, 0) === count);
  // The first request computes and caches every closed bucket; the probe after it measures the warm cache.
  const statsColdMs = await timedGet(server, statsPath, statsCheck);
  const stats = await probe(server, statsPath, { ...load, rate: 10, check: statsCheck });
  const rssLoadMb = server.rssMb();
  log(
    `  boot ${server.bootMs.toFixed(0)} ms; p99 first ${first.p99.toFixed(1)} ms, deep ${deepPage.p99.toFixed(1)} ms, search ${searchRare.p99.toFixed(1)} ms (${searchRare.load}) / common ${searchCommon.p99.toFixed(1)} ms, ` +
      `stats ${stats.p99.toFixed(1)} ms (${stats.load}), first (cold cache) ${statsColdMs.toFixed(0)} ms; RSS ${rssBootMb.toFixed(0)} → ${rssLoadMb.toFixed(0)} MB`,
  );
  return { bootMs: round(server.bootMs, 0), rssBootMb: round(rssBootMb, 1), rssLoadMb: round(rssLoadMb, 1), first, deep: deepPage, searchRare, searchCommon, stats, statsColdMs: round(statsColdMs, 1) };
}

/** The embedded server over a SQLite history of `count` jobs. */
async function sqlitePoint(count, opts) {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-bench-p9-'));
  let server;
  try {
    const t0 = performance.now();
    const { bytes, deepId } = await seedSqliteHistory(dir, count);
    opts.log(`SQLite ${countLabel(count)}: seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s, ${(bytes / 2 ** 20).toFixed(0)} MB`);
    server = await startServer({ dataDir: dir, timeoutMs: 120_000 });
    return { backend: 'SQLite', count, kbPer1000: round(bytes / 1024 / (count / 1000), 0), ...(await measure(server, { ...opts, count, deepId })) };
  } finally {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A distributed server (records in PostgreSQL, queue and events on Redis, workers in it) over `count` jobs, in a throw-away schema and prefix. */
async function postgresPoint(count, opts) {
  const { settings, db } = await openNamespace();
  await db.destroy();
  let server;
  try {
    const t0 = performance.now();
    const { bytes, deepId } = await seedPostgresHistory(PG_URL, settings.databaseSchema, count);
    opts.log(`PostgreSQL ${countLabel(count)}: seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s, ${(bytes / 2 ** 20).toFixed(0)} MB with indexes`);
    server = await startServer({
      env: { DATABASE_URL: PG_URL, DATABASE_SCHEMA: settings.databaseSchema, REDIS_URL, QUEUE_PREFIX: settings.prefix, RUN_WORKERS: 'true' },
      timeoutMs: 120_000,
    });
    return { backend: 'PostgreSQL', count, kbPer1000: round(bytes / 1024 / (count / 1000), 0), ...(await measure(server, { ...opts, count, deepId })) };
  } finally {
    await server?.stop();
    await dropNamespace(settings);
  }
}

/** Rows of "every measured figure" for one point. */
function pointMetrics(p) {
  const at = `${p.backend} ${countLabel(p.count)}`;
  const key = `${p.backend.toLowerCase()}_${countLabel(p.count).toLowerCase()}`;
  const latency = (name, label, s) => ({ key: `${key}_${name}_ms`, label: `${at}: ${label} (${s.load})`, unit: 'ms', ...s });
  return [
    { key: `${key}_boot_ms`, label: `${at}: boot to a healthy /api/health`, unit: 'ms', median: p.bootMs },
    latency('first_page', 'GET /api/jobs first page', p.first),
    latency('deep_page', 'GET /api/jobs deep cursor page', p.deep),
    latency('search_rare', 'search q matching 1 job (a rare term)', p.searchRare),
    latency('search_common', `search q="${COMMON_SEARCH}" (≈ 4 % match)`, p.searchCommon),
    latency('stats_7d', 'GET /api/stats/timeseries, 7 days by 1 h', p.stats),
    { key: `${key}_stats_7d_cold_ms`, label: `${at}: stats, first request (cold cache)`, unit: 'ms', median: p.statsColdMs },
    { key: `${key}_rss_boot_mb`, label: `${at}: server RSS after boot`, unit: 'MB', median: p.rssBootMb },
    { key: `${key}_rss_load_mb`, label: `${at}: server RSS after the reads`, unit: 'MB', median: p.rssLoadMb },
    { key: `${key}_kb_per_1000`, label: `${at}: ${p.backend === 'SQLite' ? 'database file' : 'jobs table with indexes'} per 1,000 jobs`, unit: 'KB', median: p.kbPer1000 },
  ];
}

/** The goals, judged at the largest history of each backend. */
function pointGoals(p) {
  const at = `${p.backend} ${countLabel(p.count)}`;
  const list = p.first.p99 >= p.deep.p99 ? p.first : p.deep;
  return [
    { label: `${at}: boot ≤ ${GOALS.bootMs / 1000} s`, unit: 'ms', value: p.bootMs, met: p.bootMs <= GOALS.bootMs },
    { label: `${at}: list p99 ≤ ${GOALS.pageMs} ms`, unit: 'ms', value: list.p99, met: list.p99 <= GOALS.pageMs, note: `first page ${p.first.p99.toFixed(1)} ms, deep cursor ${p.deep.p99.toFixed(1)} ms` },
    { label: `${at}: search p99 ≤ ${GOALS.pageMs} ms`, unit: 'ms', value: p.searchRare.p99, met: p.searchRare.p99 <= GOALS.pageMs, note: `a rare term (1 match); a common one ${p.searchCommon.p99.toFixed(1)} ms` },
    { label: `${at}: stats (7 days) p99 ≤ ${GOALS.statsMs} ms`, unit: 'ms', value: p.stats.p99, met: p.stats.p99 <= GOALS.statsMs, note: `p50 ${p.stats.p50.toFixed(0)} ms` },
    { label: `${at}: RSS ≤ ${GOALS.rssMb} MB`, unit: 'MB', value: p.rssLoadMb, met: p.rssLoadMb <= GOALS.rssMb, note: `after boot ${p.rssBootMb.toFixed(0)} MB` },
  ];
}

export default {
  id: 'P9',
  title: 'History scale curve (10k, 100k, 1M finished jobs)',
  goals: ['boot ≤ 5 s', 'list p99 ≤ 20 ms', 'search p99 ≤ 20 ms', 'stats (7 days) p99 ≤ 100 ms', 'RSS ≤ 250 MB'],
  // Seeding a million jobs twice and reading them takes minutes on 2 cores.
  fullRunSeconds: 900,
  async run({ quick, log }) {
    const sqliteSizes = sizesFrom(process.env.BENCH_P9_SIZES, quick ? [10_000] : [10_000, 100_000, 1_000_000]);
    const distStatus = distributedStatus();
    const pgSizes = distStatus.available ? sizesFrom(process.env.BENCH_P9_PG_SIZES, quick ? [] : [1_000_000]) : [];
    const points = [];
    for (const count of sqliteSizes) points.push(await sqlitePoint(count, { quick, log }));
    for (const count of pgSizes) points.push(await postgresPoint(count, { quick, log }));
    const largest = (backend) => points.filter((p) => p.backend === backend).at(-1);
    const goals = [largest('SQLite'), largest('PostgreSQL')].filter(Boolean).flatMap(pointGoals);
    const notes = [
      `Histories of ${[...new Set(points.map((p) => countLabel(p.count)))].join(', ')} finished jobs (the product's mix of types, ≈ 90 % completed, 6 % failed, 4 % cancelled, 12 owners, finished over the last 7 days, ≈ 1.1 KB of JSON each), seeded by SQL through the product's migrations; SQLite behind the embedded server, PostgreSQL behind a distributed server (Redis queue, workers in the process) in a throw-away schema. Boot = spawn → first healthy /api/health (polled every 20 ms). Each read: a few requests alone (warm-up and its service time), then open loop for ${quick ? 0.5 : 4} s at 100/s (lists), 20/s (search), 10/s (stats), lowered to keep the server at most half busy with a slow read, latency from each request's due time; a read too slow for 2/s runs one request at a time (at least 3, more while within ${PROBE_BUDGET_MS / 1000} s); each row says which.`,
    ];
    if (!distStatus.available) notes.push(`PostgreSQL: ${distStatus.reason}.`);
    if (!quick && points.length) {
      writeFileSync(SCALE_CHART_FILE, scaleChartSvg(points, GOALS));
      notes.push(`Curves: [${relative(join(root, 'docs'), SCALE_CHART_FILE)}](${relative(join(root, 'docs'), SCALE_CHART_FILE)}).`);
    }
    return { metrics: points.flatMap(pointMetrics), goals, notes, points };
  },
};
