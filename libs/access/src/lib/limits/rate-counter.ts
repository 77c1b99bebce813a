import type { Redis } from 'ioredis';
import { sql } from 'kysely';
import type { AtelierDb } from '@atelier/persistence';

/** Counts hits of a key in fixed one-minute windows, shared by every node that uses the same store. */
export abstract class RateCounter {
  /** Counts one hit; answers the hits in the current window (this one included). */
  abstract hit(key: string, window: number): Promise<number>;
  async close(): Promise<void> {}
}

/** One process (embedded mode). */
export class MemoryRateCounter extends RateCounter {
  private readonly counts = new Map<string, { window: number; count: number }>();

  async hit(key: string, window: number): Promise<number> {
    const c = this.counts.get(key);
    if (!c || c.window !== window) {
      if (this.counts.size > 100_000) this.prune(window);
      this.counts.set(key, { window, count: 1 });
      return 1;
    }
    return ++c.count;
  }

  private prune(window: number): void {
    for (const [k, c] of this.counts) if (c.window !== window) this.counts.delete(k);
  }
}

/** Distributed on Redis: INCR of a per-window key that expires with its window. */
export class RedisRateCounter extends RateCounter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    super();
  }

  async hit(key: string, window: number): Promise<number> {
    const k = `${this.prefix}:rate:${window}:${key}`;
    const res = await this.redis.multi().incr(k).pexpire(k, 120_000).exec();
    return Number(res?.[0]?.[1] ?? 1);
  }

  override async close(): Promise<void> {
    this.redis.disconnect();
  }
}

/** Distributed on PostgreSQL alone: one upserted row per key and window; old windows are deleted now and then. */
export class PostgresRateCounter extends RateCounter {
  private lastPrune = 0;

  constructor(private readonly db: AtelierDb) {
    super();
  }

  async hit(key: string, window: number): Promise<number> {
    const row = await this.db
      .insertInto('rate_counters')
      .values({ key, window, count: 1 })
      .onConflict((oc) => oc.columns(['key', 'window']).doUpdateSet({ count: sql<number>`rate_counters.count + 1` }))
      .returning('count')
      .executeTakeFirstOrThrow();
    if (window !== this.lastPrune) {
      this.lastPrune = window;
      await this.db.deleteFrom('rate_counters').where('window', '<', window - 1).execute();
    }
    return Number(row.count);
  }
}
