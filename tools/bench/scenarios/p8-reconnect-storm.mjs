// P8: SSE reconnect storm. 1,000 jobs finished in the last 10 minutes; 1,000 clients open
// GET /api/jobs/stream at once with a stale Last-Event-ID, as every console does after a deploy.
// Per client, the time from the storm's start to its whole snapshot event; meanwhile GET /api/health
// in open loop (every 20 ms), from another thread than the clients' so their reading does not count.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { openMigratedSqlite, writeSearchTexts } from '../lib/engines.mjs';
import { openLoop } from '../lib/open-loop.mjs';
import { scrapeGauges } from '../lib/prometheus.mjs';
import { sleep } from '../lib/rounds.mjs';
import { startServer } from '../lib/server.mjs';
import { acrossRounds, latencySummary, percentile, round } from '../lib/stats.mjs';
import { dist } from '../lib/workspace.mjs';

const HEALTH_GOAL_MS = 200;
const SNAPSHOT_GOAL_S = 5;
const HEALTH_RATE = 50;
const CLIENT_DEADLINE_MS = 30_000;
/** prom-client's event-loop delay of the server (monitorEventLoopDelay), reset by each scrape: read before and after a storm, it covers the storm. */
const LOOP_DELAY = ['nodejs_eventloop_lag_p99_seconds', 'nodejs_eventloop_lag_max_seconds'];

/**
 * Connections the kernel dropped because a listen queue was full (Linux, the whole machine's count): each
 * costs its client a SYN retransmit, a second or more, which no work of the server's event loop explains.
 */
function listenOverflows() {
  if (!existsSync('/proc/net/netstat')) return NaN;
  const [names, values] = readFileSync('/proc/net/netstat', 'utf8').split('\n').filter((l) => l.startsWith('TcpExt:'));
  return Number(values.split(' ')[names.split(' ').indexOf('ListenOverflows')]);
}

/** A finished hair-color analysis of about 1 KB on the wire, as the console's history holds them. */
function finishedAnalysis(uuidv7, finishedAt, i) {
  const iso = (ms) => new Date(ms).toISOString();
  const created = finishedAt - 2500;
  const id = uuidv7(created);
  const failed = i % 25 === 0;
  const data = {
    base_color: 'chestnut brown',
    undertone: 'warm',
    highlights: 'subtle honey balayage',
    lowlights: 'none',
    technique: 'hand-painted, soft root melt',
    roots: 'natural, 2 cm regrowth',
    shine: 'high',
    description: 'Warm chestnut base with fine honey ribbons concentrated around the face; even tone through mid-lengths and ends, no visible banding.',
  };
  return {
    id,
    type: 'analyze',
    status: failed ? 'failed' : 'completed',
    title: 'Hair color analysis',
    progress: 1,
    current_step: 4,
    total_steps: 4,
    step_label: failed ? 'Failed' : 'Completed',
    parent_id: null,
    child_ids: '[]',
    depends_on: '[]',
    priority: 0,
    attempts: 1,
    max_attempts: 3,
    input: JSON.stringify({ analyzer: 'hair-color', image_id: 'e'.repeat(64), preset_name: `Look ${i}` }),
    result: failed ? null : JSON.stringify({ preset_id: id, analyzer: 'hair-color', data }),
    error: failed ? JSON.stringify({ message: 'The vision model did not answer in time', code: 'upstream_timeout', retryable: true }) : null,
    metadata: JSON.stringify({ provider: 'offline', model: 'offline', original_filename: `portrait-${i}.jpg` }),
    owner: null,
    run_at: null,
    created_at: iso(created),
    started_at: iso(created + 50),
    finished_at: iso(finishedAt),
    updated_at: iso(finishedAt),
  };
}

/** `count` finished jobs, spread over the last 5 minutes (so they stay in the snapshot's 10-minute window for the whole run). */
async function seed(dir, count) {
  const { uuidv7 } = dist('libs/platform/src/index.js');
  const conn = await openMigratedSqlite(join(dir, 'atelier.db'));
  const now = Date.now();
  const rows = Array.from({ length: count }, (_, i) => finishedAnalysis(uuidv7, now - 300_000 + Math.floor((i * 290_000) / count), i));
  const columns = Object.keys(rows[0]);
  const insert = conn.prepare(`INSERT INTO jobs (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
  conn.transaction(() => rows.forEach((r) => insert.run(r)))();
  writeSearchTexts(conn);
  conn.pragma('wal_checkpoint(TRUNCATE)');
  conn.close();
}

/** One storm: `clients` streams opened at once on their own thread, /api/health sampled meanwhile for `seconds`. */
async function storm(server, clients, seconds) {
  await scrapeGauges(server.url, server.auth, LOOP_DELAY);
  const overflowsBefore = listenOverflows();
  const worker = new Worker(new URL('./p8-storm-clients.mjs', import.meta.url), {
    workerData: { url: `${server.url}/api/jobs/stream`, auth: server.auth, clients, lastEventId: '1', deadlineMs: CLIENT_DEADLINE_MS },
  });
  const message = () =>
    new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  try {
    const done = message();
    const health = openLoop({ url: `${server.url}/api/health`, rate: HEALTH_RATE, seconds });
    const [result, probe] = await Promise.all([done, health]);
    const delay = await scrapeGauges(server.url, server.auth, LOOP_DELAY);
    const loopDelay = { p99: delay[LOOP_DELAY[0]] * 1000, max: delay[LOOP_DELAY[1]] * 1000 };
    // A health check that fails or answers anything but 200 is what the storm must not cause: counted, and the goal missed.
    const failedHealth = probe.errors + probe.latencies.length - (probe.statuses[200] ?? 0);
    const closed = message();
    worker.postMessage('close');
    await closed;
    return { ...result, health: probe.latencies, failedHealth, loopDelay, listenOverflows: listenOverflows() - overflowsBefore };
  } finally {
    await worker.terminate();
  }
}

export default {
  id: 'P8',
  title: 'SSE reconnect storm (clients × 1,000 finished jobs)',
  goals: [`/api/health p99 ≤ ${HEALTH_GOAL_MS} ms during the storm`, `every client has its snapshot within ${SNAPSHOT_GOAL_S} s`],
  async run({ quick, log }) {
    const clients = Number(process.env.BENCH_P8_CLIENTS ?? (quick ? 200 : 1000));
    const jobs = 1000;
    const rounds = quick ? 1 : 3;
    const seconds = SNAPSHOT_GOAL_S;
    const dir = mkdtempSync(join(tmpdir(), 'atelier-bench-p8-'));
    let server;
    try {
      await seed(dir, jobs);
      server = await startServer({ dataDir: dir });
      await storm(server, 20, 1); // warm-up
      const healthRounds = [];
      const snapshotRounds = [];
      const errors = [];
      let failedHealth = 0;
      const loopDelays = [];
      const overflows = [];
      let sent;
      for (let r = 0; r < rounds; r++) {
        const out = await storm(server, clients, seconds);
        healthRounds.push(out.health);
        snapshotRounds.push(out.times);
        errors.push(...out.errors);
        failedHealth += out.failedHealth;
        loopDelays.push(out.loopDelay);
        overflows.push(out.listenOverflows);
        sent = { bytes: out.bytes, ...out.snapshot };
        const slowest = out.times.length ? Math.max(...out.times) : NaN;
        log(
          `  round ${r + 1}: ${out.times.length}/${clients} snapshots (${(out.bytes / 1024).toFixed(0)} KB, ${out.snapshot?.jobs} jobs${out.snapshot?.truncated ? ', truncated' : ''}), ` +
            `p50 ${percentile(out.times, 50).toFixed(0)} ms, slowest ${slowest.toFixed(0)} ms; /api/health p99 ${percentile(out.health, 99).toFixed(0)} ms${out.failedHealth ? ` (${out.failedHealth} failed)` : ''}${out.errors.length ? `; ${out.errors.length} clients failed: ${out.errors[0]}` : ''}; ` +
            `server event-loop delay p99 ${out.loopDelay.p99.toFixed(0)} ms, max ${out.loopDelay.max.toFixed(0)} ms; ${out.listenOverflows} listen-queue overflows (machine-wide)`,
        );
        // A storm that some clients did not survive says it all; more rounds would only take minutes to repeat it.
        if (out.errors.length) break;
        await sleep(1000);
      }
      const health = latencySummary(healthRounds);
      const times = latencySummary(snapshotRounds);
      // A client without a snapshot at the deadline counts as the deadline: a lower bound, which misses the goal anyway.
      const maxima = snapshotRounds.map((t) => (t.length < clients ? CLIENT_DEADLINE_MS : Math.max(...t)) / 1000);
      const slowest = Math.max(...maxima);
      return {
        metrics: [
          { key: 'health_ms', label: `/api/health during a storm of ${clients} connects (open loop, ${HEALTH_RATE}/s)`, unit: 'ms', ...health },
          { key: 'snapshot_ms', label: `time to a whole snapshot, each of ${clients} clients`, unit: 'ms', ...times },
          { key: 'loop_delay_max_ms', label: 'server event-loop delay during a storm: its max per round (monitorEventLoopDelay)', unit: 'ms', ...acrossRounds(loopDelays.map((d) => d.max)) },
          { key: 'snapshot_kb', label: `snapshot event (${sent?.jobs} jobs${sent?.truncated ? ', truncated' : ''})`, unit: 'KB', median: round((sent?.bytes ?? NaN) / 1024, 1) },
        ],
        goals: [
          { label: this.goals[0], unit: 'ms', value: health.p99, min: health.p99Rounds.min, max: health.p99Rounds.max, met: health.p99 <= HEALTH_GOAL_MS && !failedHealth, note: `p50 ${health.p50.toFixed(1)} ms${failedHealth ? `; ${failedHealth} failed` : ''}; listen-queue overflows per storm ${overflows.join('/')}` },
          {
            label: this.goals[1],
            unit: 's',
            value: round(slowest, 2),
            min: round(Math.min(...maxima), 2),
            max: round(Math.max(...maxima), 2),
            met: slowest <= SNAPSHOT_GOAL_S,
            note: `slowest of ${clients} clients in any round; p50 ${times.p50.toFixed(0)} ms, p99 ${times.p99.toFixed(0)} ms${errors.length ? `; ${errors.length} without a snapshot (${errors[0]})` : ''}`,
          },
        ],
        notes: [
          `${jobs} finished jobs (≈ 1 KB each on the wire) seeded into SQLite, all finished in the last 10 minutes; ${clients} clients in a worker thread of the bench open GET /api/jobs/stream at once with a stale Last-Event-ID (as after a deploy), ${rounds} round(s); time to snapshot from the storm's start to the end of each client's snapshot event; /api/health from the main thread in open loop every ${1000 / HEALTH_RATE} ms for the first ${seconds} s of each storm, latency from each request's due time.`,
        ],
      };
    } finally {
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
