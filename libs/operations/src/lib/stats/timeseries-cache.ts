import { Inject, Injectable } from '@nestjs/common';
import { PostgresAdapter, type Kysely } from 'kysely';
import type { TimeseriesPoint } from '@atelier/contracts';
import { ATELIER_DB, type AtelierDb, type AtelierTables } from '@atelier/persistence';

// PostgreSQL sends bigint as strings.
type Numeric = number | string;

/** The tables of migration 012-stats-cache, known to this cache alone. */
type StatsCacheTables = {
  stats_cache: {
    bucket_ms: number;
    owner: string;
    type: string;
    bucket_start: Numeric;
    created: number;
    completed: number;
    failed: number;
    cancelled: number;
    wait_p50: Numeric | null;
    wait_p95: Numeric | null;
    run_p50: Numeric | null;
    run_p95: Numeric | null;
  };
  stats_cache_state: { id: number; generation: Numeric };
};

/** Whose series of which bucket size: `owner` and `type` are '*' for every one. */
export interface CacheScope {
  bucketMs: number;
  owner: string;
  type: string;
}

/** Rows stored per INSERT (12 values each, well within either database's limit on parameters). */
const INSERT_CHUNK = 500;

/**
 * The durable cache of closed buckets of the time series (table stats_cache, see migration
 * 012-stats-cache for what invalidates it). A writer reads the generation before it computes and
 * stores only if the generation is still the same when it writes: on PostgreSQL it reads it FOR
 * UPDATE in the writing transaction (so an invalidation in flight commits first, or waits for the
 * write and then deletes it); SQLite's one writer serializes the two.
 */
@Injectable()
export class TimeseriesCache {
  private readonly db: Kysely<AtelierTables & StatsCacheTables>;
  private readonly postgres: boolean;

  constructor(@Inject(ATELIER_DB) db: AtelierDb) {
    this.db = db.withTables<StatsCacheTables>();
    this.postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  }

  async generation(): Promise<number> {
    const row = await this.db.selectFrom('stats_cache_state').select('generation').where('id', '=', 1).executeTakeFirstOrThrow();
    return Number(row.generation);
  }

  /** The cached points of `scope` whose bucket starts in [from, to), by bucket start (ms). */
  async read(scope: CacheScope, from: number, to: number): Promise<Map<number, TimeseriesPoint>> {
    const rows = await this.db
      .selectFrom('stats_cache')
      .selectAll()
      .where('bucket_ms', '=', scope.bucketMs)
      .where('owner', '=', scope.owner)
      .where('type', '=', scope.type)
      .where('bucket_start', '>=', from)
      .where('bucket_start', '<', to)
      .execute();
    const percentiles = (p50: Numeric | null, p95: Numeric | null) => ({ p50: p50 === null ? null : Number(p50), p95: p95 === null ? null : Number(p95) });
    return new Map(
      rows.map((r) => {
        const start = Number(r.bucket_start);
        const point = {
          at: new Date(start).toISOString(),
          created: Number(r.created),
          completed: Number(r.completed),
          failed: Number(r.failed),
          cancelled: Number(r.cancelled),
          wait_ms: percentiles(r.wait_p50, r.wait_p95),
          run_ms: percentiles(r.run_p50, r.run_p95),
        };
        return [start, point];
      }),
    );
  }

  /** Stores whole closed buckets computed after reading `generation`; nothing if an invalidation came since. Tells which. */
  async store(scope: CacheScope, generation: number, points: TimeseriesPoint[]): Promise<boolean> {
    if (points.length === 0) return true;
    const rows = points.map((p) => ({
      bucket_ms: scope.bucketMs,
      owner: scope.owner,
      type: scope.type,
      bucket_start: Date.parse(p.at),
      created: p.created,
      completed: p.completed,
      failed: p.failed,
      cancelled: p.cancelled,
      wait_p50: p.wait_ms.p50,
      wait_p95: p.wait_ms.p95,
      run_p50: p.run_ms.p50,
      run_p95: p.run_ms.p95,
    }));
    return this.db.transaction().execute(async (trx) => {
      let current = trx.selectFrom('stats_cache_state').select('generation').where('id', '=', 1);
      if (this.postgres) current = current.forUpdate();
      if (Number((await current.executeTakeFirstOrThrow()).generation) !== generation) return false;
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await trx
          .insertInto('stats_cache')
          .values(rows.slice(i, i + INSERT_CHUNK))
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      return true;
    });
  }
}
