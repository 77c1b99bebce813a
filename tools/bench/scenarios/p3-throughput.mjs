// P3: throughput of durable no-op jobs end to end (create → complete, events published):
// embedded engine, distributed engine, and the peers a team would pick instead (a bare BullMQ
// Queue + Worker, graphile-worker tuned, pg-boss), alternating rounds.
import { embeddedEngine, instantHandler } from '../lib/engines.mjs';
import { openDistributedEngine, openPostgresStoreFloor, distributedStatus } from '../lib/distributed.mjs';
import { openSqlFloor } from '../lib/sql-floor.mjs';
import { alternate, pool } from '../lib/rounds.mjs';
import { acrossRounds, pairedRatio, round } from '../lib/stats.mjs';
import { openGraphileWorker, openPgBoss, openRawBullmq } from '../lib/peers.mjs';

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

/** The peers beside the engines, with their labels in the tables. */
const PEERS = [
  { name: 'raw_bullmq', label: 'raw BullMQ', open: openRawBullmq },
  { name: 'graphile_worker', label: 'graphile-worker tuned', open: openGraphileWorker },
  { name: 'pg_boss', label: 'pg-boss', open: openPgBoss },
];

/** Every engine ÷ every peer, as medians of per-round ratios. */
function engineVersusPeers(results, engines) {
  return engines.flatMap((engine) =>
    PEERS.map((peer) => ({
      key: `${engine}_vs_${peer.name}`,
      label: `${engine} ÷ ${peer.label}`,
      unit: '×',
      ...pairedRatio(results[engine], results[peer.name]),
    })),
  );
}

/** A goal "`engine` ≥ `target`× `peer`" from the alternating rounds. */
function ratioGoal(results, engine, peer, target, note) {
  const r = pairedRatio(results[engine], results[peer.name]);
  return { label: `${engine} ≥ ${target.toFixed(1)}× ${peer.label}`, target: `≥ ${target.toFixed(1)}×`, unit: '×', value: round(r.median), min: r.min, max: r.max, met: r.median >= target, note };
}

export default {
  id: 'P3',
  title: 'Throughput of durable no-op jobs (create → complete)',
  async run({ quick, log }) {
    // Quick (CI's smoke run): one counted round of few jobs; pg-boss's 0.5 s polling alone makes a round last ≈ n / 200 s.
    const n = quick ? 150 : 2000;
    const rounds = quick ? 1 : 5;
    const [raw, graphile, pgBoss] = PEERS;
    const opened = [];
    const open = async (what) => {
      const it = await what;
      opened.push(it);
      return it;
    };
    let results;
    const distStatus = distributedStatus();
    try {
      const embedded = await open(embeddedEngine({ handlers: [instantHandler(TYPE)], concurrency: CONCURRENCY }));
      const floor = await open(openSqlFloor());
      const peers = [];
      for (const peer of PEERS) peers.push({ name: peer.name, round: (await open(peer.open({ concurrency: CONCURRENCY }))).round(n, PRODUCERS) });
      const distributed = distStatus.available ? await open(openDistributedEngine({ handlers: [instantHandler(TYPE)], concurrency: CONCURRENCY })) : undefined;
      const pgFloor = distributed ? await open(openPostgresStoreFloor()) : undefined;
      const variants = [
        { name: 'embedded', round: engineRound(embedded.engine, n) },
        ...peers,
        { name: 'sql_floor', round: floor.round(n) },
        ...(distributed ? [{ name: 'distributed', round: engineRound(distributed.engine, n) }] : []),
        ...(pgFloor ? [{ name: 'pg_store_floor', round: pgFloor.round(n, PRODUCERS) }] : []),
      ];
      results = await alternate(variants, { warmups: 1, rounds, log });
    } finally {
      for (const it of opened.reverse()) await it.close();
    }
    const metrics = [
      { key: 'embedded_jobs_per_s', label: 'embedded jobs/s', unit: 'jobs/s', ...acrossRounds(results.embedded) },
      ...PEERS.map((peer) => ({ key: `${peer.name}_jobs_per_s`, label: `${peer.label} jobs/s`, unit: 'jobs/s', ...acrossRounds(results[peer.name]) })),
    ];
    const floorRatio = pairedRatio(results.sql_floor, results.raw_bullmq);
    metrics.push(
      { key: 'sql_floor_jobs_per_s', label: "embedded SQL floor jobs/s (the engine's 4 statements per job and its search-text write per 100 jobs alone, 100 jobs per transaction)", unit: 'jobs/s', ...acrossRounds(results.sql_floor) },
      { key: 'sql_floor_ratio', label: 'embedded SQL floor ÷ raw BullMQ (the most the embedded engine could reach on one thread)', unit: '×', ...floorRatio },
    );
    const goals = [ratioGoal(results, 'embedded', raw, 2.0, `its SQL alone: ${round(floorRatio.median)}×`)];
    if (results.distributed) {
      metrics.push({ key: 'distributed_jobs_per_s', label: 'distributed jobs/s', unit: 'jobs/s', ...acrossRounds(results.distributed) });
      // On a saturated machine the costs add up: BullMQ's own work plus the store's, per job.
      const bound = results.raw_bullmq.map((bull, i) => 1 / (1 / bull + 1 / results.pg_store_floor[i]) / bull);
      const boundNote = `BullMQ + its store alone: ${round(acrossRounds(bound).median)}×`;
      metrics.push(
        { key: 'pg_store_floor_jobs_per_s', label: `PostgreSQL store floor jobs/s (the job store alone per job, ${PRODUCERS} in flight, no BullMQ, no events)`, unit: 'jobs/s', ...acrossRounds(results.pg_store_floor) },
        { key: 'distributed_bound_ratio', label: 'raw BullMQ with the store floor added, ÷ raw BullMQ (estimate: 1 / (1/raw + 1/floor))', unit: '×', ...acrossRounds(bound) },
      );
      const overPgBoss = pairedRatio(results.distributed, results.pg_boss);
      goals.push(
        ratioGoal(results, 'distributed', graphile, 2.0, `${round(overPgBoss.median)}× pg-boss`),
        ratioGoal(results, 'distributed', raw, 0.8, boundNote),
      );
    } else {
      for (const [peer, target] of [[graphile, 2.0], [raw, 0.8]]) {
        goals.push({ label: `distributed ≥ ${target.toFixed(1)}× ${peer.label}`, target: `≥ ${target.toFixed(1)}×`, unit: '×', value: null, met: null, note: distStatus.reason });
      }
    }
    metrics.push(...engineVersusPeers(results, results.distributed ? ['embedded', 'distributed'] : ['embedded']));
    return {
      metrics,
      goals,
      notes: [
        `${n} jobs per round, one call per add, ${PRODUCERS} producers in flight, worker concurrency ${CONCURRENCY}, worker in the bench process; ratios are medians of per-round ratios (rounds alternate).`,
        `Peers: raw BullMQ = a bare Queue + Worker on the same Redis; graphile-worker with its documented throughput settings (localQueue.size 500, completeJobBatchDelay 0, failJobBatchDelay 0, pool 10, concurrentJobs ${CONCURRENCY}); pg-boss fetching ${CONCURRENCY} at a time, polling at its 0.5 s minimum (which caps it near ${2 * CONCURRENCY} jobs/s). Each PostgreSQL peer in a throw-away schema, dropped afterwards; a peer's round ends when its store holds none of the round's jobs unfinished, and checks that each job ran once.`,
      ],
    };
  },
};
