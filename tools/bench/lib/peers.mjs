// The queues a team would pick instead of Atelier, driven in P3's shape: raw BullMQ on Redis, and
// the PostgreSQL job queues graphile-worker (tuned as its docs advise for throughput) and pg-boss.
// Each is a no-op task with its worker in this process, in a throw-away Redis prefix or schema.
import { randomBytes } from 'node:crypto';
import { PG_URL, REDIS_URL } from './engines.mjs';
import { pool, sleep } from './rounds.mjs';
import { require } from './workspace.mjs';

const PAYLOAD = { image_id: 'bench' };

/** A unique, SQL-safe name for one bench namespace. */
export const benchTag = (kind) => `bench_${kind}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;

/** Drops a throw-away PostgreSQL schema and all it holds. */
export async function dropPostgresSchema(schema) {
  const pg = require('pg');
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/**
 * One timed round on a peer: `n` adds, one call each with `producers` in flight, until its worker
 * ran all `n` and (when the peer defines `pending`) its store no longer holds any of them unfinished.
 * Every job must run exactly once, or the figure would flatter the peer.
 */
function peerRound(peer, n, producers) {
  return async () => {
    let ran = 0;
    let resolveAll;
    const all = new Promise((r) => (resolveAll = r));
    peer.onRun = () => ++ran === n && resolveAll();
    const t0 = performance.now();
    await pool(n, producers, () => peer.add());
    await all;
    // Handlers ran; the round ends when their completion is durable, as the engines' rounds do.
    while (peer.pending && (await peer.pending()) > 0) await sleep(2);
    const ms = performance.now() - t0;
    await sleep(50);
    if (ran !== n) throw new Error(`${peer.name}: ${ran} runs for ${n} jobs`);
    return (n / ms) * 1000;
  };
}

/** A peer ready for rounds: `round(n, producers)` and `close()`. */
function asPeer(peer) {
  return { round: (n, producers) => peerRound(peer, n, producers), close: () => peer.close() };
}

/** A bare BullMQ Queue + Worker (`concurrency`) on the bench's Redis. */
export async function openRawBullmq({ concurrency }) {
  const { Queue, Worker } = require('bullmq');
  const IORedis = require('ioredis');
  const prefix = benchTag('raw');
  const connection = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
  const workerConnection = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue('noop', { connection, prefix });
  const worker = new Worker('noop', async () => ({}), { connection: workerConnection, prefix, concurrency });
  const peer = {
    name: 'raw BullMQ',
    onRun: () => {},
    add: () => queue.add('noop', PAYLOAD),
    async close() {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
      const keys = await connection.keys(`${prefix}:*`);
      if (keys.length) await connection.del(...keys);
      connection.disconnect();
      workerConnection.disconnect();
    },
  };
  // BullMQ's completed event comes after the job's move to completed, its durable end.
  worker.on('completed', () => peer.onRun());
  await worker.waitUntilReady();
  return asPeer(peer);
}

/**
 * graphile-worker with the throughput settings of its docs ("Performance"): a local queue of 500
 * jobs per pool, completions and failures flushed at once (batch delay 0), a pool of 10 connections.
 * It deletes a job once it completed, so a round is done when its table is empty.
 */
export async function openGraphileWorker({ concurrency }) {
  const { run, Logger } = require('graphile-worker');
  const pg = require('pg');
  const schema = benchTag('gw');
  const peer = { name: 'graphile-worker', onRun: () => {} };
  const runner = await run({
    noHandleSignals: true,
    logger: new Logger(() => () => {}),
    taskList: { noop: async () => peer.onRun() },
    preset: {
      worker: {
        connectionString: PG_URL,
        schema,
        concurrentJobs: concurrency,
        maxPoolSize: 10,
        localQueue: { size: 500 },
        completeJobBatchDelay: 0,
        failJobBatchDelay: 0,
      },
    },
  });
  const probe = new pg.Client({ connectionString: PG_URL });
  await probe.connect();
  Object.assign(peer, {
    add: () => runner.addJob('noop', PAYLOAD),
    pending: async () => Number((await probe.query(`SELECT count(*) AS n FROM "${schema}"._private_jobs`)).rows[0].n),
    async close() {
      await runner.stop();
      await probe.end();
      await dropPostgresSchema(schema);
    },
  });
  return asPeer(peer);
}

/**
 * pg-boss, its worker polling at the 0.5 s minimum it allows and fetching `concurrency` jobs at a
 * time (its way to run many at once), completing each batch after its handler. A round is done
 * when none of its jobs is left unfinished in the job table.
 */
export async function openPgBoss({ concurrency }) {
  const PgBoss = require('pg-boss');
  const pg = require('pg');
  const schema = benchTag('pgboss');
  const queue = 'noop';
  const boss = new PgBoss({ connectionString: PG_URL, schema, max: 10, supervise: false, schedule: false });
  boss.on('error', (err) => console.error(`[bench] pg-boss: ${err.message}`));
  await boss.start();
  await boss.createQueue(queue);
  const peer = { name: 'pg-boss', onRun: () => {} };
  await boss.work(queue, { batchSize: concurrency, pollingIntervalSeconds: 0.5 }, async (jobs) => {
    for (const _ of jobs) peer.onRun();
  });
  const probe = new pg.Client({ connectionString: PG_URL });
  await probe.connect();
  Object.assign(peer, {
    add: () => boss.send(queue, PAYLOAD),
    pending: async () => Number((await probe.query(`SELECT count(*) AS n FROM "${schema}".job WHERE name = $1 AND state <> 'completed'`, [queue])).rows[0].n),
    async close() {
      await boss.stop({ graceful: true, close: true, wait: true, timeout: 5000 });
      await probe.end();
      await dropPostgresSchema(schema);
    },
  });
  return asPeer(peer);
}
