// P3: throughput of durable no-op jobs end to end (create → complete, events published):
// embedded engine, distributed engine and a bare BullMQ Queue + Worker, alternating rounds.
import { embeddedEngine, instantHandler, REDIS_URL } from '../lib/engines.mjs';
import { openDistributedEngine, openPostgresStoreFloor, distributedStatus } from '../lib/distributed.mjs';
import { openSqlFloor } from '../lib/sql-floor.mjs';
import { alternate, pool } from '../lib/rounds.mjs';
import { acrossRounds, pairedRatio, round } from '../lib/stats.mjs';
import { require } from '../lib/workspace.mjs';

const TYPE = 'generate_thumbnail';
const PRODUCERS = 32;
const CONCURRENCY = 100;

/** One round on a JobEngine: create `n` jobs (PRODUCERS in flight) and wait for every job.completed. */
function engineRound(engine, n) {
  return async () => {
    const ids = new Set();
    let completed = 0;
    let resolveAll;
    const all = new Promise((r) => (resolveAll = r));
    const early = new Set();
    const sub = engine.bus.events$.subscribe((e) => {
      if (e.event !== 'job.completed') return;
      if (ids.has(e.data.job_id)) {
        if (++completed === n) resolveAll();
      } else early.add(e.data.job_id);
    });
    const t0 = performance.now();
    await pool(n, PRODUCERS, async () => {
      const job = await engine.jobs.create({ type: TYPE, title: 'bench', input: { image_id: 'bench' } });
      ids.add(job.job_id);
      if (early.delete(job.job_id) && ++completed === n) resolveAll();
    });
    await all;
    const ms = performance.now() - t0;
    sub.unsubscribe();
    return (n / ms) * 1000;
  };
}

async function openRawBullmq() {
  const { Queue, Worker } = require('bullmq');
  const IORedis = require('ioredis');
  const prefix = `bench-raw-${process.pid}-${Date.now()}`;
  const connection = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
  const workerConnection = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue('noop', { connection, prefix });
  let onDone = () => {};
  const worker = new Worker('noop', async () => ({}), { connection: workerConnection, prefix, concurrency: CONCURRENCY });
  worker.on('completed', () => onDone());
  await worker.waitUntilReady();
  return {
    round: (n) => async () => {
      let completed = 0;
      const all = new Promise((r) => (onDone = () => ++completed === n && r()));
      const t0 = performance.now();
      await pool(n, PRODUCERS, () => queue.add('noop', { image_id: 'bench' }));
      await all;
      return (n / (performance.now() - t0)) * 1000;
    },
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
}

export default {
  id: 'P3',
  title: 'Throughput of durable no-op jobs (create → complete)',
  async run({ quick, log }) {
    const n = quick ? 300 : 2000;
    const rounds = quick ? 2 : 5;
    const embedded = await embeddedEngine({ handlers: [instantHandler(TYPE)], concurrency: CONCURRENCY });
    const raw = await openRawBullmq();
    const floor = await openSqlFloor();
    const distStatus = distributedStatus();
    const distributed = distStatus.available ? await openDistributedEngine({ handlers: [instantHandler(TYPE)], concurrency: CONCURRENCY }) : undefined;
    const pgFloor = distributed ? await openPostgresStoreFloor() : undefined;
    const variants = [
      { name: 'embedded', round: engineRound(embedded.engine, n) },
      { name: 'raw_bullmq', round: raw.round(n) },
      { name: 'sql_floor', round: floor.round(n) },
      ...(distributed ? [{ name: 'distributed', round: engineRound(distributed.engine, n) }] : []),
      ...(pgFloor ? [{ name: 'pg_store_floor', round: pgFloor.round(n, PRODUCERS) }] : []),
    ];
    let results;
    try {
      results = await alternate(variants, { warmups: 1, rounds, log });
    } finally {
      await embedded.close();
      await raw.close();
      await floor.close();
      await distributed?.close();
      await pgFloor?.close();
    }
    const metrics = [
      { key: 'embedded_jobs_per_s', label: 'embedded jobs/s', unit: 'jobs/s', ...acrossRounds(results.embedded) },
      { key: 'raw_bullmq_jobs_per_s', label: 'raw BullMQ jobs/s', unit: 'jobs/s', ...acrossRounds(results.raw_bullmq) },
    ];
    const embeddedRatio = pairedRatio(results.embedded, results.raw_bullmq);
    const floorRatio = pairedRatio(results.sql_floor, results.raw_bullmq);
    metrics.push(
      { key: 'sql_floor_jobs_per_s', label: "embedded SQL floor jobs/s (the engine's 4 statements per job alone, 100 jobs per transaction)", unit: 'jobs/s', ...acrossRounds(results.sql_floor) },
      { key: 'sql_floor_ratio', label: 'embedded SQL floor ÷ raw BullMQ (the most the embedded engine could reach on one thread)', unit: '×', ...floorRatio },
    );
    const goals = [
      {
        label: 'embedded ≥ 2.0× raw BullMQ',
        target: '≥ 2.0×',
        unit: '×',
        value: round(embeddedRatio.median),
        min: embeddedRatio.min,
        max: embeddedRatio.max,
        met: embeddedRatio.median >= 2.0,
        note: `its SQL alone: ${round(floorRatio.median)}×`,
      },
    ];
    if (distributed) {
      metrics.push({ key: 'distributed_jobs_per_s', label: 'distributed jobs/s', unit: 'jobs/s', ...acrossRounds(results.distributed) });
      const r = pairedRatio(results.distributed, results.raw_bullmq);
      // On a saturated machine the costs add up: BullMQ's own work plus the store's, per job.
      const bound = results.raw_bullmq.map((raw, i) => 1 / (1 / raw + 1 / results.pg_store_floor[i]) / raw);
      metrics.push(
        { key: 'pg_store_floor_jobs_per_s', label: `PostgreSQL store floor jobs/s (the job store alone per job, ${PRODUCERS} in flight, no BullMQ, no events)`, unit: 'jobs/s', ...acrossRounds(results.pg_store_floor) },
        { key: 'distributed_bound_ratio', label: 'raw BullMQ with the store floor added, ÷ raw BullMQ (estimate: 1 / (1/raw + 1/floor))', unit: '×', ...acrossRounds(bound) },
      );
      goals.push({ label: 'distributed ≥ 0.8× raw BullMQ', target: '≥ 0.8×', unit: '×', value: round(r.median), min: r.min, max: r.max, met: r.median >= 0.8, note: `BullMQ + its store alone: ${round(acrossRounds(bound).median)}×` });
    } else {
      goals.push({ label: 'distributed ≥ 0.8× raw BullMQ', target: '≥ 0.8×', unit: '×', value: null, met: null, note: distStatus.reason });
    }
    return {
      metrics,
      goals,
      notes: [`${n} jobs per round, ${PRODUCERS} producers in flight, worker concurrency ${CONCURRENCY}; ratios are medians of per-round ratios (rounds alternate).`],
    };
  },
};
