import { Inject, Injectable } from '@nestjs/common';
import { PostgresAdapter, sql } from 'kysely';
import type { JobStatus, JobType } from '@atelier/contracts';
import { ATELIER_DB, type AtelierDb, type SqlDialectName } from '@atelier/persistence';
import { bucketPercentiles } from './stats/bucket-percentiles';
import { timeArithmetic, type TimeColumn } from './stats/time-arithmetic';
import type { TimeseriesBuckets } from './stats/timeseries-points';
import type { TimeseriesWindow } from './stats/timeseries-window';

/** Whose jobs, and of which type: `owner` set reads only that member's jobs. */
export interface JobFilter {
  owner?: string;
  type?: JobType;
  statuses?: readonly JobStatus[];
}

export interface TypeStatusCount {
  type: string;
  status: string;
  count: number;
}

export interface RunningJobRow {
  job_id: string;
  type: string;
  title: string;
  started_at: string | null;
  worker_id: string;
}

/**
 * Read-only queries of the durable job records (SQLite or PostgreSQL) for the operator's view. The
 * stats come from here, not from process memory, so they are the same on every node and across restarts.
 */
@Injectable()
export class JobRecordsReader {
  private readonly dialect: SqlDialectName;

  constructor(@Inject(ATELIER_DB) private readonly db: AtelierDb) {
    this.dialect = db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
  }

  async countByTypeAndStatus(filter: JobFilter = {}): Promise<TypeStatusCount[]> {
    let q = this.db
      .selectFrom('jobs')
      .select(['type', 'status', (eb) => eb.fn.countAll<number | string>().as('n')])
      .groupBy(['type', 'status']);
    if (filter.owner !== undefined) q = q.where('owner', '=', filter.owner);
    if (filter.type !== undefined) q = q.where('type', '=', filter.type);
    if (filter.statuses) q = q.where('status', 'in', [...filter.statuses]);
    const rows = await q.execute();
    return rows.map((r) => ({ type: r.type, status: r.status, count: Number(r.n) }));
  }

  async oldestQueuedAt(filter: Pick<JobFilter, 'owner'> = {}): Promise<string | null> {
    let q = this.db.selectFrom('jobs').select((eb) => eb.fn.min('created_at').as('oldest')).where('status', '=', 'queued');
    if (filter.owner !== undefined) q = q.where('owner', '=', filter.owner);
    return (await q.executeTakeFirst())?.oldest ?? null;
  }

  /**
   * A time series computed by the database: counts and nearest-rank percentiles per bucket (see
   * bucketPercentiles), so neither the rows nor their durations come into this process and memory
   * does not grow with history. Each query reads its window through the index of its time column
   * (010-stats-indexes covers every column it reads). The type is matched without an index on SQLite
   * (unary +): with no planner statistics it would otherwise read every job of the type through
   * jobs_type_idx instead of the window's rows.
   */
  async timeseriesBuckets(window: TimeseriesWindow, filter: Pick<JobFilter, 'owner' | 'type'>): Promise<TimeseriesBuckets> {
    const time = timeArithmetic(this.dialect);
    const from = new Date(window.from).toISOString();
    const to = new Date(window.to).toISOString();
    const inWindow = (column: TimeColumn) => {
      let q = this.db.selectFrom('jobs').where(column, '>=', from).where(column, '<', to);
      if (filter.owner !== undefined) q = q.where('owner', '=', filter.owner);
      if (filter.type !== undefined) q = q.where(this.dialect === 'sqlite' ? sql<string>`+type` : sql<string>`type`, '=', filter.type);
      return q;
    };
    const bucketOf = (column: TimeColumn) => time.bucketIndex(column, window.from, window.bucketMs).as('bucket');
    const created = this.db
      .selectFrom(inWindow('created_at').select(bucketOf('created_at')).as('s'))
      .select(['bucket', (eb) => eb.fn.countAll<number | string>().as('n')])
      .groupBy('bucket');
    const finished = this.db
      .selectFrom(inWindow('finished_at').select([bucketOf('finished_at'), 'status']).as('s'))
      .select(['bucket', 'status', (eb) => eb.fn.countAll<number | string>().as('n')])
      .groupBy(['bucket', 'status']);
    const waits = inWindow('started_at').select([bucketOf('started_at'), time.durationMs('created_at', 'started_at').as('ms')]);
    const runs = inWindow('finished_at').where('started_at', 'is not', null).select([bucketOf('finished_at'), time.durationMs('started_at', 'finished_at').as('ms')]);
    const [createdRows, finishedRows, wait, run] = await Promise.all([
      created.execute(),
      finished.execute(),
      bucketPercentiles(this.db, this.dialect, waits),
      bucketPercentiles(this.db, this.dialect, runs),
    ]);
    // PostgreSQL answers counts and bigint arithmetic as strings.
    return {
      created: createdRows.map((r) => ({ bucket: Number(r.bucket), n: Number(r.n) })),
      finished: finishedRows.map((r) => ({ bucket: Number(r.bucket), status: r.status, n: Number(r.n) })),
      wait,
      run,
    };
  }

  /** Jobs running now on these workers. */
  async runningOn(workerIds: string[]): Promise<RunningJobRow[]> {
    if (workerIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('jobs')
      .select(['id', 'type', 'title', 'started_at', 'worker_id'])
      .where('status', '=', 'running')
      .where('worker_id', 'in', workerIds)
      .orderBy('started_at')
      .execute();
    return rows.map((r) => ({ job_id: r.id, type: r.type, title: r.title, started_at: r.started_at, worker_id: r.worker_id as string }));
  }
}
