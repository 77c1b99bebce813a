import { sql, type SelectQueryBuilder } from 'kysely';
import type { AtelierDb, AtelierTables, SqlDialectName } from '@atelier/persistence';
import { nearestRank, type BucketPercentiles } from './timeseries-points';

/** Durations of jobs in the window, each with the index of its bucket (see TimeArithmetic). */
export type BucketSamples = SelectQueryBuilder<AtelierTables, 'jobs', { bucket: number; ms: number }>;

// The database's answers: PostgreSQL sends bigint and count results as strings.
type Numeric = number | string;

/**
 * Nearest-rank p50 and p95 of the samples of each bucket, computed by the database: only the answer
 * (a few values per bucket) comes into this process. PostgreSQL's percentile_disc is the
 * nearest-rank percentile (the first value whose rank reaches ⌈p·n⌉) from one sort per bucket;
 * SQLite's percentile_disc interpolates the rank differently, so there window functions rank the
 * samples and only the two at the nearest ranks of each bucket come back.
 */
export async function bucketPercentiles(db: AtelierDb, dialect: SqlDialectName, samples: BucketSamples): Promise<BucketPercentiles[]> {
  return dialect === 'postgres' ? postgresPercentiles(db, samples) : sqlitePercentiles(db, samples);
}

async function postgresPercentiles(db: AtelierDb, samples: BucketSamples): Promise<BucketPercentiles[]> {
  const rows = await db
    .selectFrom(samples.as('s'))
    .select(['bucket', sql<Numeric[]>`percentile_disc(array[0.5, 0.95]) within group (order by ms)`.as('p')])
    .groupBy('bucket')
    .execute();
  return rows.map((r) => ({ bucket: Number(r.bucket), p50: Number(r.p[0]), p95: Number(r.p[1]) }));
}

async function sqlitePercentiles(db: AtelierDb, samples: BucketSamples): Promise<BucketPercentiles[]> {
  const ranked = db
    .selectFrom(samples.as('s'))
    .select([
      'bucket',
      'ms',
      (eb) => eb.fn.agg<Numeric>('row_number').over((o) => o.partitionBy('bucket').orderBy('ms')).as('rank'),
      (eb) => eb.fn.countAll<Numeric>().over((o) => o.partitionBy('bucket')).as('n'),
    ]);
  // Integer division: ⌈n·p/100⌉ = (n·p + 99) / 100, the ranks nearestRank() gives (which tells the two apart below).
  const rows = await db
    .selectFrom(ranked.as('r'))
    .select(['bucket', 'n', 'rank', 'ms'])
    .where((eb) => eb.or([eb('rank', '=', sql<number>`(n + 1) / 2`), eb('rank', '=', sql<number>`(95 * n + 99) / 100`)]))
    .execute();
  const byBucket = new Map<number, BucketPercentiles>();
  for (const { bucket, n, rank, ms } of rows) {
    const percentiles = byBucket.get(Number(bucket)) ?? { bucket: Number(bucket), p50: 0, p95: 0 };
    if (Number(rank) === nearestRank(50, Number(n))) percentiles.p50 = Number(ms);
    if (Number(rank) === nearestRank(95, Number(n))) percentiles.p95 = Number(ms);
    byBucket.set(percentiles.bucket, percentiles);
  }
  return [...byBucket.values()];
}
