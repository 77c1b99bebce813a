// The distributed engine (PostgreSQL store + BullMQ dispatcher on Redis + Redis Stream bus)
// assembled from libs/distributed as its contract suite does, in a throw-away schema and key prefix.
import { randomBytes } from 'node:crypto';
import { ENGINE_CONFIG, PG_URL, REDIS_URL } from './engines.mjs';
import { benchJob, endGuard, endPatch, startGuard, startPatch } from './floor-jobs.mjs';
import { pool } from './rounds.mjs';
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
async function dropNamespace(settings) {
  const pg = require('pg');
  const IORedis = require('ioredis');
  const client = new pg.Client({ connectionString: settings.databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${settings.databaseSchema}" CASCADE`);
  } finally {
    await client.end();
  }
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

export async function openDistributedEngine({ handlers, concurrency = 100 }) {
  const { migrateToLatest, openPostgresDatabase, ensurePostgresSchema } = dist('libs/persistence/src/index.js');
  const { JobEngine } = dist('libs/jobs/src/index.js');
  const { createDistributedEventBus, createDistributedDispatcher, postgresJobStore } = dist('libs/distributed/src/index.js');
  const tag = `bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const settings = {
    backend: 'redis',
    redisUrl: REDIS_URL,
    databaseUrl: PG_URL,
    databaseSchema: tag,
    prefix: `${tag}_q`,
    concurrency,
    typeConcurrency: {},
    lockDurationMs: 30_000,
    replaySize: 10_000,
  };
  await ensurePostgresSchema(settings.databaseUrl, settings.databaseSchema);
  const db = openPostgresDatabase(settings.databaseUrl, settings.databaseSchema, 10);
  await migrateToLatest(db, 'postgres');
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
  const { migrateToLatest, openPostgresDatabase, ensurePostgresSchema } = dist('libs/persistence/src/index.js');
  const { postgresJobStore } = dist('libs/distributed/src/index.js');
  const { uuidv7 } = dist('libs/platform/src/index.js');
  const tag = `bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const settings = { databaseUrl: PG_URL, databaseSchema: tag, prefix: `${tag}_q` };
  await ensurePostgresSchema(settings.databaseUrl, settings.databaseSchema);
  const db = openPostgresDatabase(settings.databaseUrl, settings.databaseSchema, 10);
  await migrateToLatest(db, 'postgres');
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
