import { sql, type Kysely } from 'kysely';
import type { SqlDialectName } from '../schema';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
type AnyDb = Kysely<any>;

/** The bucket sizes of the time series (1m, 5m, 1h, 1d), each aligned to the Unix epoch. */
const BUCKET_SIZES_MS = [60_000, 300_000, 3_600_000, 86_400_000];

/**
 * The time series' cache of closed buckets (libs/operations, TimeseriesCache): one row per bucket
 * size, scope (owner or '*', type or '*') and bucket start (epoch ms), with its counts and exact
 * percentiles. The engine only ever writes the current time into a job's times, so a closed bucket
 * changes only when a time already written is changed or removed (a retry, a requeue, a deletion);
 * these triggers forget the buckets holding the old (and new) times of such a row in the same
 * transaction, and bump `stats_cache_state.generation` first, so a cache writer that computed from
 * an older snapshot stores nothing (and, on PostgreSQL, the bump waits for a writer holding the row).
 * The usual writes (a null time set to now, progress) match neither trigger's condition.
 */
export function statsCacheMigration(dialect: SqlDialectName) {
  return {
    async up(db: AnyDb): Promise<void> {
      await db.schema
        .createTable('stats_cache')
        .addColumn('bucket_ms', 'integer', (c) => c.notNull())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('bucket_start', 'bigint', (c) => c.notNull())
        .addColumn('created', 'integer', (c) => c.notNull())
        .addColumn('completed', 'integer', (c) => c.notNull())
        .addColumn('failed', 'integer', (c) => c.notNull())
        .addColumn('cancelled', 'integer', (c) => c.notNull())
        .addColumn('wait_p50', 'bigint')
        .addColumn('wait_p95', 'bigint')
        .addColumn('run_p50', 'bigint')
        .addColumn('run_p95', 'bigint')
        .addPrimaryKeyConstraint('stats_cache_pk', ['bucket_ms', 'owner', 'type', 'bucket_start'])
        .execute();
      await db.schema
        .createTable('stats_cache_state')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('generation', 'bigint', (c) => c.notNull())
        .execute();
      await db.insertInto('stats_cache_state').values({ id: 1, generation: 0 }).execute();
      if (dialect === 'postgres') await postgresTriggers(db);
      else await sqliteTriggers(db);
    },
  };
}

/** An update that changes or removes a time already written, or what a closed bucket counts it by. */
function changesWrittenTimes(distinct: 'IS DISTINCT FROM' | 'IS NOT'): string {
  const changed = (column: string) => `OLD.${column} ${distinct} NEW.${column}`;
  return [
    changed('created_at'),
    changed('owner'),
    changed('type'),
    `(OLD.started_at IS NOT NULL AND ${changed('started_at')})`,
    `(OLD.finished_at IS NOT NULL AND (${changed('finished_at')} OR ${changed('status')} OR ${changed('started_at')}))`,
  ].join(' OR ');
}

/**
 * The cached buckets of every size holding the time `ms` (an SQL expression), within `scopes`: four
 * candidate starts, so each is a lookup of the primary key, never a range over the cache.
 */
function bucketsHolding(ms: string, scopes: string): string {
  const starts = BUCKET_SIZES_MS.map((size) => `${ms} - ${ms} % ${size}`).join(', ');
  return (
    `bucket_ms IN (${BUCKET_SIZES_MS.join(', ')}) AND ${scopes} ` +
    `AND bucket_start IN (${starts}) AND bucket_start <= ${ms} AND bucket_start + bucket_ms > ${ms}`
  );
}

async function sqliteTriggers(db: AnyDb): Promise<void> {
  const epochMs = (column: string) => `cast(round(unixepoch(${column}, 'subsec') * 1000) as integer)`;
  const scopesOf = (rows: string[]) => {
    const list = (column: string) => ["'*'", ...rows.map((r) => `${r}.${column}`)].join(', ');
    return `owner IN (${list('owner')}) AND type IN (${list('type')})`;
  };
  const forget = (row: 'OLD' | 'NEW', scopes: string) =>
    ['created_at', 'started_at', 'finished_at'].map((column) => `DELETE FROM stats_cache WHERE ${bucketsHolding(epochMs(`${row}.${column}`), scopes)};`).join('\n');
  const bump = 'UPDATE stats_cache_state SET generation = generation + 1 WHERE id = 1;';
  const both = scopesOf(['OLD', 'NEW']);
  await sql
    .raw(`CREATE TRIGGER stats_cache_jobs_update AFTER UPDATE ON jobs WHEN ${changesWrittenTimes('IS NOT')} BEGIN ${bump} ${forget('OLD', both)} ${forget('NEW', both)} END`)
    .execute(db);
  await sql.raw(`CREATE TRIGGER stats_cache_jobs_delete AFTER DELETE ON jobs BEGIN ${bump} ${forget('OLD', scopesOf(['OLD']))} END`).execute(db);
}

async function postgresTriggers(db: AnyDb): Promise<void> {
  await sql
    .raw(
      `CREATE FUNCTION stats_cache_invalidate() RETURNS trigger LANGUAGE plpgsql AS $$
       DECLARE
         stamps text[];
         owners text[];
         types text[];
         stamp text;
         stamp_ms bigint;
       BEGIN
         -- First: this waits for a cache writer holding the row (FOR UPDATE), so the delete below sees what it stored.
         UPDATE stats_cache_state SET generation = generation + 1 WHERE id = 1;
         IF TG_OP = 'UPDATE' THEN
           stamps := ARRAY[OLD.created_at, OLD.started_at, OLD.finished_at, NEW.created_at, NEW.started_at, NEW.finished_at];
           owners := ARRAY['*', OLD.owner, NEW.owner];
           types := ARRAY['*', OLD.type, NEW.type];
         ELSE
           stamps := ARRAY[OLD.created_at, OLD.started_at, OLD.finished_at];
           owners := ARRAY['*', OLD.owner];
           types := ARRAY['*', OLD.type];
         END IF;
         FOREACH stamp IN ARRAY stamps LOOP
           CONTINUE WHEN stamp IS NULL;
           stamp_ms := (extract(epoch from cast(stamp as timestamptz)) * 1000)::bigint;
           DELETE FROM stats_cache WHERE ${bucketsHolding('stamp_ms', 'owner = ANY(owners) AND type = ANY(types)')};
         END LOOP;
         RETURN NULL;
       END $$`,
    )
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER stats_cache_jobs_update AFTER UPDATE ON jobs FOR EACH ROW WHEN (${changesWrittenTimes('IS DISTINCT FROM')}) EXECUTE FUNCTION stats_cache_invalidate()`)
    .execute(db);
  await sql.raw('CREATE TRIGGER stats_cache_jobs_delete AFTER DELETE ON jobs FOR EACH ROW EXECUTE FUNCTION stats_cache_invalidate()').execute(db);
}
