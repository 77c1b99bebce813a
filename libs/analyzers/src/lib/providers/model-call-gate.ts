import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { sql } from 'kysely';
import type { AtelierDb } from '@atelier/persistence';

export interface ModelCallLimits {
  /** Calls in flight at once (0: no limit). */
  maxConcurrency: number;
  /** Calls started per minute (0: no limit). */
  maxPerMinute: number;
  /** A lease left by a node that died mid-call stops counting after this long. */
  leaseMs: number;
}

/** Answers whether a call may start now: a release function, or how long to wait before asking again. */
export type TryAcquire = () => Promise<{ release: () => Promise<void> } | { waitMs: number }>;

/**
 * The provider-level limit on model calls (OPENAI_MAX_CONCURRENCY, OPENAI_MAX_RPM), shared by every
 * node: a call past the limit waits its turn (the job keeps running, its signal still aborts the
 * wait) rather than meeting a wall of 429s from the provider.
 */
export class ModelCallGate {
  constructor(private readonly tryAcquire: TryAcquire) {}

  async acquire(signal?: AbortSignal | null): Promise<() => Promise<void>> {
    for (let attempt = 0; ; attempt++) {
      signal?.throwIfAborted();
      const answer = await this.tryAcquire();
      if ('release' in answer) return answer.release;
      // Polling with jitter, so nodes waiting at once do not ask in step.
      const wait = Math.min(answer.waitMs, 50 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random());
      await delay(Math.max(10, wait), signal);
    }
  }

  /** A fetch for the openai SDK that passes every call through the gate. */
  fetch(inner: typeof fetch = fetch): typeof fetch {
    return async (input, init) => {
      const release = await this.acquire(init?.signal);
      try {
        return await inner(input, init);
      } finally {
        await release();
      }
    };
  }
}

function delay(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(signal!.reason);
    }
    signal?.addEventListener('abort', abort, { once: true });
  });
}

const MINUTE = 60_000;

/** One process (embedded): a counter of calls in flight and the start times of the last minute. */
export function localLimits(limits: ModelCallLimits): TryAcquire {
  let inFlight = 0;
  const starts: number[] = [];
  return async () => {
    const now = Date.now();
    while (starts.length && starts[0] <= now - MINUTE) starts.shift();
    if (limits.maxConcurrency && inFlight >= limits.maxConcurrency) return { waitMs: 100 };
    if (limits.maxPerMinute && starts.length >= limits.maxPerMinute) return { waitMs: starts[0] + MINUTE - now };
    inFlight++;
    starts.push(now);
    let released = false;
    return {
      release: async () => {
        if (!released) inFlight--;
        released = true;
      },
    };
  };
}

/** Leases in a sorted set (score: expiry) and a per-minute counter, checked and taken in one script. */
const ACQUIRE = `
local leases, rate = KEYS[1], KEYS[2]
local now, leaseMs, maxConc, maxRpm, id = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5]
redis.call('ZREMRANGEBYSCORE', leases, '-inf', now)
if maxConc > 0 and redis.call('ZCARD', leases) >= maxConc then return 100 end
if maxRpm > 0 then
  local used = tonumber(redis.call('GET', rate) or '0')
  if used >= maxRpm then return math.max(10, redis.call('PTTL', rate)) end
  redis.call('INCR', rate)
  redis.call('PEXPIRE', rate, 60000, 'NX')
end
redis.call('ZADD', leases, now + leaseMs, id)
redis.call('PEXPIRE', leases, leaseMs)
return 0
`;

/** Every node on one Redis (distributed mode). */
export function redisLimits(redis: Redis, prefix: string, limits: ModelCallLimits): TryAcquire {
  const leases = `${prefix}:model-calls:leases`;
  return async () => {
    const id = randomUUID();
    const window = Math.floor(Date.now() / MINUTE);
    const wait = Number(await redis.eval(ACQUIRE, 2, leases, `${prefix}:model-calls:rate:${window}`, Date.now(), limits.leaseMs, limits.maxConcurrency, limits.maxPerMinute, id));
    if (wait > 0) return { waitMs: wait };
    return { release: async () => void (await redis.zrem(leases, id).catch(() => 0)) };
  };
}

/** Every node on PostgreSQL alone: leases in a table and the shared rate counters, under a transaction-scoped advisory lock. */
export function postgresLimits(db: AtelierDb, limits: ModelCallLimits): TryAcquire {
  return async () => {
    const id = randomUUID();
    const now = Date.now();
    const window = Math.floor(now / MINUTE);
    const wait = await db.transaction().execute(async (tx) => {
      await sql`SELECT pg_advisory_xact_lock(hashtext('atelier.model_calls'))`.execute(tx);
      await tx.deleteFrom('model_call_leases').where('expires_at', '<=', now).execute();
      if (limits.maxConcurrency) {
        const { n } = await tx.selectFrom('model_call_leases').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
        if (Number(n) >= limits.maxConcurrency) return 100;
      }
      if (limits.maxPerMinute) {
        const row = await tx.selectFrom('rate_counters').select('count').where('key', '=', 'model-calls').where('window', '=', window).executeTakeFirst();
        if (Number(row?.count ?? 0) >= limits.maxPerMinute) return (window + 1) * MINUTE - now;
        await tx
          .insertInto('rate_counters')
          .values({ key: 'model-calls', window, count: 1 })
          .onConflict((oc) => oc.columns(['key', 'window']).doUpdateSet({ count: sql<number>`rate_counters.count + 1` }))
          .execute();
      }
      await tx.insertInto('model_call_leases').values({ lease_id: id, expires_at: now + limits.leaseMs }).execute();
      return 0;
    });
    if (wait > 0) return { waitMs: wait };
    return { release: async () => void (await db.deleteFrom('model_call_leases').where('lease_id', '=', id).execute().catch(() => undefined)) };
  };
}
