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
 * SQLite: one DELETE per changed row, over the candidate starts of every size of each of its times
 * (lookups of the primary key, never a range). Several DELETE statements in one trigger made a
 * retention batch of 1,000 jobs take seconds instead of a fraction of one.
 */
async function sqliteTriggers(db: AnyDb): Promise<void> {
  const epochMs = (column: string) => `cast(round(unixepoch(${column}, 'subsec') * 1000) as integer)`;
  const forget = (rows: ('OLD' | 'NEW')[]) => {
    const list = (column: string) => ["'*'", ...rows.map((r) => `${r}.${column}`)].join(', ');
    const times = rows.flatMap((r) => ['created_at', 'started_at', 'finished_at'].map((column) => epochMs(`${r}.${column}`)));
    const starts = times.flatMap((ms) => BUCKET_SIZES_MS.map((size) => `${ms} - ${ms} % ${size}`));
    const holds = times.map((ms) => `(bucket_start <= ${ms} AND bucket_start + bucket_ms > ${ms})`).join(' OR ');
    return (
      `DELETE FROM stats_cache WHERE bucket_ms IN (${BUCKET_SIZES_MS.join(', ')}) AND owner IN (${list('owner')}) AND type IN (${list('type')}) ` +
      `AND bucket_start IN (${starts.join(', ')}) AND (${holds});`
    );
  };
  const bump = 'UPDATE stats_cache_state SET generation = generation + 1 WHERE id = 1;';
  await sql.raw(`CREATE TRIGGER stats_cache_jobs_update AFTER UPDATE ON jobs WHEN ${changesWrittenTimes('IS NOT')} BEGIN ${bump} ${forget(['OLD', 'NEW'])} END`).execute(db);
  await sql.raw(`CREATE TRIGGER stats_cache_jobs_delete AFTER DELETE ON jobs BEGIN ${bump} ${forget(['OLD'])} END`).execute(db);
}

/**
 * PostgreSQL: the generation is bumped once per transaction (repeated updates of one row in one
 * transaction grow a chain of versions that each next update walks: a retention batch of 1,000
 * deletions took seconds), and the cached keys to forget are computed set-wise: per updated row,
 * and per DELETE statement from its transition table.
 */
async function postgresTriggers(db: AnyDb): Promise<void> {
  const sizes = BUCKET_SIZES_MS.map((size) => `(${size}::bigint)`).join(', ');
  await sql
    .raw(
      `CREATE FUNCTION stats_cache_bump() RETURNS void LANGUAGE plpgsql AS $$
       BEGIN
         -- Before any delete: this waits for a cache writer holding the row (FOR UPDATE), so the deletes see what it stored.
         IF current_setting('atelier.stats_cache_bumped', true) IS DISTINCT FROM 'on' THEN
           UPDATE stats_cache_state SET generation = generation + 1 WHERE id = 1;
           PERFORM set_config('atelier.stats_cache_bumped', 'on', true);
         END IF;
       END $$`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE FUNCTION stats_cache_keys(stamps text[], owners text[], types text[])
       RETURNS TABLE (bucket_ms bigint, owner text, type text, bucket_start bigint) LANGUAGE sql STABLE AS $$
         SELECT z.size, o, t, st.ms - st.ms % z.size
         FROM (SELECT (extract(epoch from cast(s as timestamptz)) * 1000)::bigint AS ms FROM unnest(stamps) s WHERE s IS NOT NULL) st
         CROSS JOIN (VALUES ${sizes}) z(size)
         CROSS JOIN unnest(owners) o
         CROSS JOIN unnest(types) t
         WHERE o IS NOT NULL AND t IS NOT NULL
       $$`,
    )
    .execute(db);
  const forgetKeys = (keys: string) =>
    `DELETE FROM stats_cache c USING (${keys}) k
     WHERE c.bucket_ms = k.bucket_ms AND c.owner = k.owner AND c.type = k.type AND c.bucket_start = k.bucket_start;`;
  await sql
    .raw(
      `CREATE FUNCTION stats_cache_forget_updated() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM stats_cache_bump();
         ${forgetKeys(`SELECT DISTINCT * FROM stats_cache_keys(
           ARRAY[OLD.created_at, OLD.started_at, OLD.finished_at, NEW.created_at, NEW.started_at, NEW.finished_at],
           ARRAY['*', OLD.owner, NEW.owner], ARRAY['*', OLD.type, NEW.type])`)}
         RETURN NULL;
       END $$`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE FUNCTION stats_cache_forget_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF NOT EXISTS (SELECT 1 FROM gone) THEN RETURN NULL; END IF;
         PERFORM stats_cache_bump();
         ${forgetKeys(`SELECT DISTINCT keys.* FROM gone g
           CROSS JOIN LATERAL stats_cache_keys(ARRAY[g.created_at, g.started_at, g.finished_at], ARRAY['*', g.owner], ARRAY['*', g.type]) keys`)}
         RETURN NULL;
       END $$`,
    )
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER stats_cache_jobs_update AFTER UPDATE ON jobs FOR EACH ROW WHEN (${changesWrittenTimes('IS DISTINCT FROM')}) EXECUTE FUNCTION stats_cache_forget_updated()`)
    .execute(db);
  await sql.raw('CREATE TRIGGER stats_cache_jobs_delete AFTER DELETE ON jobs REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION stats_cache_forget_deleted()').execute(db);
}
