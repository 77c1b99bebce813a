import { Inject, Injectable } from '@nestjs/common';
import type { JobStatus, JobType } from '@atelier/contracts';
import { ATELIER_DB, type AtelierDb } from '@atelier/persistence';
import type { TimeseriesRows } from './stats/timeseries-points';

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
  constructor(@Inject(ATELIER_DB) private readonly db: AtelierDb) {}

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
   * The times of jobs created, started and finished in [from, to), each read through the index of
   * its column. The type is matched here rather than in SQL: SQLite (no planner statistics) would
   * otherwise read every job of the type through jobs_type_idx instead of the window's rows.
   */
  async timeseriesRows(from: string, to: string, filter: Pick<JobFilter, 'owner' | 'type'>): Promise<TimeseriesRows> {
    const inWindow = (column: 'created_at' | 'started_at' | 'finished_at') => {
      const q = this.db.selectFrom('jobs').select('type').where(column, '>=', from).where(column, '<', to);
      return filter.owner === undefined ? q : q.where('owner', '=', filter.owner);
    };
    const ofType = <R extends { type: string }>(rows: R[]) => (filter.type === undefined ? rows : rows.filter((r) => r.type === filter.type));
    const [created, started, finished] = await Promise.all([
      inWindow('created_at').select('created_at').execute(),
      inWindow('started_at').select(['created_at', 'started_at']).execute(),
      inWindow('finished_at').select(['status', 'started_at', 'finished_at']).execute(),
    ]);
    return {
      created: ofType(created).map((r) => r.created_at),
      started: ofType(started).map((r) => ({ created_at: r.created_at, started_at: r.started_at as string })),
      finished: ofType(finished).map((r) => ({ status: r.status, started_at: r.started_at, finished_at: r.finished_at as string })),
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
