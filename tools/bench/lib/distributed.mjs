// The distributed engine (PostgreSQL store + BullMQ dispatcher on Redis + Redis Stream bus)
// assembled from libs/distributed as its contract suite does, in a throw-away schema and key prefix.
import { ENGINE_CONFIG, PG_URL, REDIS_URL } from './engines.mjs';
import { benchJob, endGuard, endPatch, startGuard, startPatch } from './floor-jobs.mjs';
import { benchTag, dropPostgresSchema } from './peers.mjs';
import { pool, sleep } from './rounds.mjs';
import { dist, distExists, require } from './workspace.mjs';

/** { available: true } or { available: false, reason }. */
export function distributedStatus() {
  if (!distExists('libs/distributed/src/index.js')) {
    return { available: false, reason: 'not available yet: libs/distributed has no index.ts (drivers still being written)' };
  }
  const lib = dist('libs/distributed/src/index.js');
  const missing = ['createDistributedEventBus', 'createDistributedDispatcher'].filter((n) => typeof lib[n] !== 'function');
  if (missing.length) return { available: false, reason: `not available yet: libs/distributed does not export ${missing.join(', ')}` };
  return { available: true };
}

/** Removes the schema and Redis keys of one bench namespace. */
export async function dropNamespace(settings) {
  const IORedis = require('ioredis');
  await dropPostgresSchema(settings.databaseSchema);
  const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${settings.prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** A throw-away schema (migrated) and key prefix; `db` is a Kysely pool on that schema. */
export async function openNamespace() {
  const { migrateToLatest, openPostgresDatabase, ensurePostgresSchema } = dist('libs/persistence/src/index.js');
  const tag = benchTag('engine');
  const settings = { databaseUrl: PG_URL, databaseSchema: tag, prefix: `${tag}_q` };
  await ensurePostgresSchema(settings.databaseUrl, settings.databaseSchema);
  const db = openPostgresDatabase(settings.databaseUrl, settings.databaseSchema, 10);
  await migrateToLatest(db, 'postgres');
  return { settings, db };
}

export async function openDistributedEngine({ handlers, concurrency = 100 }) {
  const { JobEngine } = dist('libs/jobs/src/index.js');
  const { createDistributedEventBus, createDistributedDispatcher, postgresJobStore } = dist('libs/distributed/src/index.js');
  const namespace = await openNamespace();
  const { db } = namespace;
  const settings = {
    ...namespace.settings,
    backend: 'redis',
    redisUrl: REDIS_URL,
    concurrency,
    typeConcurrency: {},
    lockDurationMs: 30_000,
    replaySize: 10_000,
  };
  const bus = await createDistributedEventBus(settings);
  const dispatcher = createDistributedDispatcher(settings);
  const engine = new JobEngine({
    store: postgresJobStore(db),
    bus,
    dispatcher,
    handlers,
    config: ENGINE_CONFIG,
    expectedTypes: handlers.map((h) => h.type),
  });
  await engine.startWorkers({ recover: false });
  return {
    engine,
    async close() {
      await engine.stop(1000);
      await dispatcher.close?.();
      await bus.close?.();
      await db.destroy();
      await dropNamespace(settings);
    },
  };
}

/**
 * The floor under P3 distributed: the job store on PostgreSQL alone, as the engine drives it per job
 * (insert, start, end, dependents; 32 jobs in flight, so its write batching applies), with no
 * BullMQ, no events and no handler.
 */
export async function openPostgresStoreFloor() {
  const { postgresJobStore } = dist('libs/distributed/src/index.js');
  const { uuidv7 } = dist('libs/platform/src/index.js');
  const { settings, db } = await openNamespace();
  const store = postgresJobStore(db);
  return {
    round: (n, inFlight) => async () => {
      let ended = 0;
      const t0 = performance.now();
      await pool(n, inFlight, async () => {
        const now = () => new Date().toISOString();
        const [job] = await store.insert([benchJob(uuidv7(), now())]);
        await store.transition(job.job_id, ['queued'], { ...startPatch(now()), addAttempt: true }, startGuard(now()));
        const done = await store.transition(job.job_id, ['running'], endPatch(now()), endGuard);
        await store.dependents(job.job_id);
        if (done) ended++;
      });
      const ms = performance.now() - t0;
      if (ended !== n) throw new Error(`PostgreSQL store floor: ${ended} of ${n} jobs ended`);
      return (n / ms) * 1000;
    },
    async close() {
      await db.destroy();
      await dropNamespace(settings);
    },
  };
}

/**
 * The floor under P2 distributed: the two commits a job waits for between jobs.create() and its
 * handler (its INSERT, then its start UPDATE with the engine's guards), one job at a time, with the
 * engine's own SQL and values, through a plain pg client. It moves with the machine (WAL flush, CPU);
 * what P2 adds above it is the engine's Node, Redis and BullMQ work.
 */
export async function openPostgresCommitFloor() {
  const { JobSql, newRecordToRow, patchToRow } = dist('libs/jobs/src/index.js');
  const { uuidv7 } = dist('libs/platform/src/index.js');
  const pg = require('pg');
  const { settings, db } = await openNamespace();
  await db.destroy();
  const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${settings.databaseSchema}` });
  await client.connect();
  const jobSql = new JobSql('postgres');
  const run = (query) => client.query(query.sql, query.parameters);
  return {
    /** `n` jobs, one at a time: per job, ms from the INSERT's start to the start UPDATE's answer. */
    round: (n) => async () => {
      const samples = [];
      for (let i = 0; i < n; i++) {
        const now = new Date().toISOString();
        const row = newRecordToRow(benchJob(uuidv7(), now));
        const t0 = performance.now();
        await run(jobSql.insert(row));
        const set = patchToRow(startPatch(now), now);
        const { rowCount } = await run(jobSql.transition(row.id, ['queued'], set, true, startGuard(new Date(Date.now() + 5).toISOString())));
        samples.push(performance.now() - t0);
        if (rowCount !== 1) throw new Error('PostgreSQL commit floor: the start UPDATE changed no row');
        await sleep(2);
      }
      return samples;
    },
    async close() {
      await client.end();
      await dropNamespace(settings);
    },
  };
}
