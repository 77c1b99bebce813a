#!/usr/bin/env node
// `npm run bench:scaling`: the CPU each component of distributed mode spends per analysis (API node, worker
// processes, Redis, PostgreSQL), with 1, 2 and 4 worker processes, and the cost of each SSE subscriber. The
// projection in docs/scaling.md is computed from these figures.
//
// Every component is measured alone, so other work on the machine does not count: a private redis-server on
// a free port (`INFO cpu`), a database of its own (`pg_stat_activity` pids of that database → /proc), and
// the API and worker processes (/proc/<pid>/stat). The model is a local OpenAI-compatible fake answering
// after --model-latency-ms, so the worker does what it does in production (prepare the image, call the
// model over HTTP, validate, store) and the model's own work is not counted.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PG_URL } from './lib/engines.mjs';
import { jpegOfSize } from './lib/fixtures.mjs';
import { pool, sleep } from './lib/rounds.mjs';
import { freePort, killAllServers, startServer } from './lib/server.mjs';
import { round } from './lib/stats.mjs';
import { distServer, ensureServerBuilt, require, root } from './lib/workspace.mjs';

const { values: args } = parseArgs({
  options: {
    workers: { type: 'string', default: '1,2,4' },
    jobs: { type: 'string', default: '1500' },
    subscribers: { type: 'string', default: '200' },
    'model-latency-ms': { type: 'string', default: '50' },
    concurrency: { type: 'string', default: '16' },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log('usage: npm run bench:scaling [-- --workers 1,2,4] [--jobs 1500] [--subscribers 200] [--model-latency-ms 50] [--concurrency 16]');
  process.exit(0);
}

const WORKERS = args.workers.split(',').map(Number);
const JOBS = Number(args.jobs);
const SUBSCRIBERS = Number(args.subscribers);
const MODEL_LATENCY_MS = Number(args['model-latency-ms']);
const WORKER_CONCURRENCY = Number(args.concurrency);
const IN_FLIGHT = 32;
const TICKS_PER_SECOND = 100; // Linux USER_HZ: /proc/<pid>/stat counts CPU in 1/100 s.
const log = (msg) => console.error(`[scaling] ${msg}`);

// --- The components' CPU -------------------------------------------------------------------------------

/** CPU seconds a process has used (user + system), from /proc/<pid>/stat; 0 once it is gone. */
function processCpu(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces: fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

async function redisCpu(redis) {
  const info = await redis.info('cpu');
  const value = (name) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  return value('used_cpu_user') + value('used_cpu_sys');
}

/** CPU seconds of every backend serving the database, per pid (backends that appear later count from 0). */
async function postgresCpu(pg, database) {
  const { rows } = await pg.query('SELECT pid FROM pg_stat_activity WHERE datname = $1', [database]);
  return new Map(rows.map((r) => [r.pid, processCpu(r.pid)]));
}

/** Commits and rows written in the database, and commands Redis ran: what the CPU was spent on. */
async function work(ctx) {
  const { rows } = await ctx.pg.query('SELECT xact_commit, tup_inserted, tup_updated, tup_deleted FROM pg_stat_database WHERE datname = $1', [ctx.database]);
  const stats = await ctx.redis.info('stats');
  const count = (v) => Number(v);
  return {
    commits: count(rows[0].xact_commit),
    rows_written: count(rows[0].tup_inserted) + count(rows[0].tup_updated) + count(rows[0].tup_deleted),
    redis_commands: Number(/total_commands_processed:(\d+)/.exec(stats)?.[1] ?? 0),
  };
}

async function snapshot(ctx, processes) {
  return {
    at: performance.now(),
    processes: new Map(processes.map((p) => [p.pid, processCpu(p.pid)])),
    redis: await redisCpu(ctx.redis),
    postgres: await postgresCpu(ctx.pg, ctx.database),
    work: await work(ctx),
  };
}

/** CPU seconds between two snapshots: per process, Redis, and PostgreSQL (its backends summed). */
function spent(before, after) {
  let postgres = 0;
  for (const [pid, cpu] of after.postgres) postgres += cpu - (before.postgres.get(pid) ?? 0);
  const processes = new Map([...after.processes].map(([pid, cpu]) => [pid, cpu - (before.processes.get(pid) ?? 0)]));
  const work = Object.fromEntries(Object.keys(after.work).map((k) => [k, after.work[k] - before.work[k]]));
  return { seconds: (after.at - before.at) / 1000, processes, redis: after.redis - before.redis, postgres, work };
}

// --- The pieces it runs --------------------------------------------------------------------------------

async function startRedis() {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const IORedis = require('ioredis');
  const redis = new IORedis({ port, host: '127.0.0.1', maxRetriesPerRequest: 1, lazyConnect: true });
  for (let i = 0; ; i++) {
    try {
      await redis.connect();
      await redis.ping();
      break;
    } catch (err) {
      if (i > 50) throw new Error(`redis-server did not start on port ${port}: ${err.message}`);
      redis.disconnect();
      await sleep(100);
    }
  }
  return { url: `redis://127.0.0.1:${port}`, redis, stop: () => (redis.disconnect(), child.kill('SIGKILL')) };
}

/** A value that matches the analyzer's JSON schema (the strict subset the model is asked for). */
function sample(schema, key = 'value') {
  if (schema.enum?.length) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'string') return schema.pattern?.includes('#') ? '#a1b2c3' : `sample ${key.replace(/_/g, ' ')}`;
  if (type === 'number' || type === 'integer') return schema.minimum ?? 0;
  if (type === 'boolean') return true;
  if (type === 'array') return Array.from({ length: Math.max(schema.minItems ?? 0, 1) }, () => sample(schema.items ?? {}, key));
  if (type === 'object') return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, sample(s, k)]));
  return null;
}

/** The model: an OpenAI-compatible chat completions endpoint that answers a schema-valid JSON after a delay. */
async function startModel() {
  const server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    await sleep(MODEL_LATENCY_MS);
    const content = JSON.stringify(sample(body.response_format?.json_schema?.schema ?? {}));
    const answer = {
      id: 'chatcmpl-scaling',
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model ?? 'scaling-model',
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content, refusal: null } }],
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
    };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/v1`, stop: () => server.close() };
}

function startWorker(env) {
  const child = spawn(process.execPath, [join(distServer, 'apps/worker/src/main.js')], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr.on('data', (d) => (output = (output + d).slice(-4000)));
  return {
    pid: child.pid,
    output: () => output,
    stop: () => new Promise((r) => (child.exitCode !== null ? r() : (child.once('exit', r), child.kill('SIGTERM')))),
  };
}

/** SSE subscribers of the job stream that read and drop every event (their own CPU is the bench's, not the server's). */
function subscribe(url, auth, count) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: count + 10 });
  const requests = [];
  let events = 0;
  const opened = Array.from({ length: count }, () =>
    new Promise((resolve, reject) => {
      const req = http.get(`${url}/api/jobs/stream`, { agent, headers: { ...auth, accept: 'text/event-stream' } }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`the stream answered ${res.statusCode}`));
        res.on('data', (d) => (events += d.toString().split('\nid: ').length - 1));
        resolve();
      });
      req.on('error', () => undefined);
      requests.push(req);
    }),
  );
  return Promise.all(opened).then(() => ({ events: () => events, close: () => (requests.forEach((r) => r.destroy()), agent.destroy()) }));
}

/** Median wait (created → started) and run (started → finished) of the measured analyses, in ms. */
async function jobTimes(ctx, schema) {
  const ms = (from, to) => `percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ${to}::timestamptz - ${from}::timestamptz) * 1000)`;
  const client = new (require('pg').Client)({ connectionString: ctx.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT ${ms('created_at', 'started_at')} AS wait, ${ms('started_at', 'finished_at')} AS run FROM "${schema}".jobs WHERE type = 'analyze'`);
    // Where a run's time goes: the median time from each timeline entry (started, each step, completed) to the next.
    const { rows: stages } = await client.query(`
      SELECT label, percentile_cont(0.5) WITHIN GROUP (ORDER BY gap) AS p50 FROM (
        SELECT t.kind || coalesce(' ' || (t.detail::json->>'label'), '') AS label,
               extract(epoch FROM lead(t.at::timestamptz) OVER (PARTITION BY t.job_id ORDER BY t.id) - t.at::timestamptz) * 1000 AS gap
        FROM "${schema}".job_timeline t JOIN "${schema}".jobs j ON j.id = t.job_id WHERE j.type = 'analyze'
      ) g WHERE gap IS NOT NULL GROUP BY label ORDER BY p50 DESC`);
    return { wait: round(Number(rows[0].wait), 1), run: round(Number(rows[0].run), 1), stages: Object.fromEntries(stages.map((r) => [r.label, round(Number(r.p50), 1)])) };
  } finally {
    await client.end();
  }
}

async function waitIdle(server) {
  for (;;) {
    const res = await fetch(`${server.url}/api/stats/summary`, { headers: server.auth });
    const { by_status } = await res.json();
    if (by_status.queued + by_status.running === 0) return by_status;
    await sleep(250);
  }
}

async function analyses(server, image, count) {
  let failures = 0;
  await pool(count, IN_FLIGHT, async () => {
    const form = new FormData();
    form.set('image', new Blob([image], { type: 'image/jpeg' }), 'photo.jpg');
    const res = await fetch(`${server.url}/api/analyzers/hair-color/analyze?async_mode=true`, { method: 'POST', headers: server.auth, body: form });
    if (res.status !== 202) failures++;
    await res.arrayBuffer();
  });
  if (failures) throw new Error(`${failures} of ${count} analyses were not accepted`);
}

// --- One configuration: an API node, N workers --------------------------------------------------------

async function measure(ctx, workerCount, subscribers) {
  const schema = `scaling_${workerCount}w_${subscribers}s`;
  await ctx.redis.flushall();
  const env = {
    ...process.env,
    DATABASE_URL: ctx.databaseUrl,
    DATABASE_SCHEMA: schema,
    REDIS_URL: ctx.redisUrl,
    QUEUE_PREFIX: schema,
    OPENAI_API_KEY: 'scaling',
    OPENAI_BASE_URL: ctx.modelUrl,
    ANALYSIS_CACHE_TTL_MS: '0',
    WORKER_CONCURRENCY: String(WORKER_CONCURRENCY),
    LOG_LEVEL: 'warn',
  };
  const server = await startServer({ env: { ...env, RUN_WORKERS: 'false' }, timeoutMs: 60_000 });
  const workers = Array.from({ length: workerCount }, () => startWorker({ ...env, DATA_DIR: server.dataDir }));
  try {
    const image = await jpegOfSize(50);
    // Warm-up: connections, prepared statements, JIT, the image's thumbnail.
    await analyses(server, image, 100);
    await waitIdle(server);
    const streams = subscribers ? await subscribe(server.url, server.auth, subscribers) : undefined;
    const processes = [{ pid: server.pid }, ...workers];
    const before = await snapshot(ctx, processes);
    await analyses(server, image, JOBS);
    const ended = await waitIdle(server);
    const after = await snapshot(ctx, processes);
    // PostgreSQL publishes its statistics about once a second: wait, then read the counters again.
    await sleep(1500);
    after.work = await work(ctx);
    streams?.close();
    const cpu = spent(before, after);
    const times = await jobTimes(ctx, schema);
    const perJob = (seconds) => round((seconds * 1000) / JOBS, 3);
    const workerSeconds = workers.reduce((sum, w) => sum + cpu.processes.get(w.pid), 0);
    const result = {
      workers: workerCount,
      subscribers,
      jobs: JOBS,
      failed: ended.failed,
      seconds: round(cpu.seconds, 2),
      jobs_per_second: round(JOBS / cpu.seconds, 0),
      cpu_ms_per_job: {
        api: perJob(cpu.processes.get(server.pid)),
        workers: perJob(workerSeconds),
        redis: perJob(cpu.redis),
        postgres: perJob(cpu.postgres),
      },
      // pg_stat_database counts with a delay of up to PGSTAT's flush interval (≈ 1 s): read after the run settled.
      per_job: Object.fromEntries(Object.entries(cpu.work).map(([k, v]) => [k, round(v / JOBS, 1)])),
      analyze_wait_ms_p50: times.wait,
      analyze_run_ms_p50: times.run,
      analyze_stage_ms_p50: times.stages,
      events_per_subscriber: streams ? Math.round(streams.events() / subscribers) : undefined,
      rss_mb: { api: round(server.rssMb(), 0) },
    };
    result.cpu_ms_per_job.total = round(Object.values(result.cpu_ms_per_job).reduce((a, b) => a + b, 0), 3);
    log(`${workerCount} worker(s), ${subscribers} subscriber(s): ${result.jobs_per_second} jobs/s (analysis wait p50 ${times.wait} ms, run p50 ${times.run} ms: ${JSON.stringify(times.stages)}); CPU ms per job ${JSON.stringify(result.cpu_ms_per_job)}; per job ${JSON.stringify(result.per_job)}`);
    return result;
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await server.stop();
  }
}

async function main() {
  ensureServerBuilt(log);
  const pg = new (require('pg').Client)({ connectionString: PG_URL });
  await pg.connect();
  const database = `atelier_scaling_${randomBytes(3).toString('hex')}`;
  await pg.query(`CREATE DATABASE ${database}`);
  const databaseUrl = Object.assign(new URL(PG_URL), { pathname: `/${database}` }).toString();
  const redis = await startRedis();
  const model = await startModel();
  const ctx = { pg, database, databaseUrl, redis: redis.redis, redisUrl: redis.url, modelUrl: model.url };
  const results = [];
  try {
    log(`${JOBS} analyses per configuration (hair-color, 50 KB JPEG, model answering after ${MODEL_LATENCY_MS} ms, WORKER_CONCURRENCY ${WORKER_CONCURRENCY}); load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' / ')}`);
    for (const n of WORKERS) results.push(await measure(ctx, n, 0));
    if (SUBSCRIBERS) results.push(await measure(ctx, WORKERS[0], SUBSCRIBERS));
  } finally {
    model.stop();
    redis.stop();
    killAllServers();
    await pg.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch((err) => log(`could not drop ${database}: ${err.message}`));
    await pg.end();
  }
  const report = { date: new Date().toISOString(), load_average_at_end: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number), model_latency_ms: MODEL_LATENCY_MS, worker_concurrency: WORKER_CONCURRENCY, results };
  mkdirSync(join(root, 'dist/bench'), { recursive: true });
  writeFileSync(join(root, 'dist/bench/scaling.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(table(results));
  log('wrote dist/bench/scaling.json');
}

function table(results) {
  const rows = results.map((r) => {
    const c = r.cpu_ms_per_job;
    return `| ${r.workers} | ${r.subscribers} | ${r.jobs_per_second} | ${c.api} | ${c.workers} | ${c.redis} | ${c.postgres} | ${c.total} | ${r.per_job.commits} | ${r.per_job.rows_written} | ${r.per_job.redis_commands} |`;
  });
  return [
    '| workers | SSE subscribers | jobs/s | API ms/job | workers ms/job | Redis ms/job | PostgreSQL ms/job | total ms/job | PG commits/job | PG rows written/job | Redis commands/job |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

main().catch((err) => {
  killAllServers();
  console.error(err);
  process.exit(1);
});
