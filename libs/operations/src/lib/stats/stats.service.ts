import { Injectable } from '@nestjs/common';
import { JOB_STATUSES, JOB_TYPES, type JobStatus, type JobType, type StatsSummary, type Timeseries, type TimeseriesPoint } from '@atelier/contracts';
import type { AccessScope } from '@atelier/platform';
import { JobRecordsReader, type JobFilter } from '../job-records.reader';
import { closedBucketCount, planWindow, subWindow, type TimeseriesWindow, type WindowRequest } from './timeseries-window';
import { pointsFromBuckets } from './timeseries-points';
import { TimeseriesCache } from './timeseries-cache';

/**
 * A bucket is closed, and may be cached, once it ended this long ago: a job's times are written by
 * the clock of the node that writes them, in transactions that may commit a little later, so a
 * bucket that ended just now may still receive jobs.
 */
export const CLOSED_AFTER_MS = 10 * 60_000;

/** Job counts and the time series of the operator's dashboard, from the durable job records, within the caller's scope. */
@Injectable()
export class StatsService {
  constructor(
    private readonly records: JobRecordsReader,
    private readonly cache: TimeseriesCache,
  ) {}

  async summary(scope: AccessScope): Promise<StatsSummary> {
    const [counts, oldest] = await Promise.all([this.records.countByTypeAndStatus({ owner: scope.owner }), this.records.oldestQueuedAt({ owner: scope.owner })]);
    const byStatus = zeroCounts();
    const byType = Object.fromEntries(JOB_TYPES.map((type) => [type, zeroCounts()])) as Record<JobType, Record<JobStatus, number>>;
    for (const { type, status, count } of counts) {
      if (!(status in byStatus)) continue;
      byStatus[status as JobStatus] += count;
      const perType = byType[type as JobType];
      if (perType) perType[status as JobStatus] += count;
    }
    return { by_status: byStatus, by_type: byType, oldest_queued_at: oldest };
  }

  /** The closed buckets from the cache (those missing computed in one query and stored), the open ones computed now. */
  async timeseries(request: WindowRequest & { type?: JobType }, scope: AccessScope, now = Date.now()): Promise<Timeseries> {
    const window = planWindow(request, now);
    const filter = { owner: scope.owner, type: request.type };
    const closed = closedBucketCount(window, now - CLOSED_AFTER_MS);
    const [closedPoints, openPoints] = await Promise.all([this.closedPoints(window, closed, filter), this.computedPoints(subWindow(window, closed, window.points), filter)]);
    const [from, to] = [window.from, window.to].map((at) => new Date(at).toISOString());
    return { bucket: window.bucket, from, to, type: request.type ?? null, points: [...closedPoints, ...openPoints] };
  }

  private async closedPoints(window: TimeseriesWindow, count: number, filter: Pick<JobFilter, 'owner' | 'type'>): Promise<TimeseriesPoint[]> {
    if (count === 0) return [];
    const scope = { bucketMs: window.bucketMs, owner: filter.owner ?? '*', type: filter.type ?? '*' };
    const starts = Array.from({ length: count }, (_, i) => window.from + i * window.bucketMs);
    const cached = await this.cache.read(scope, window.from, window.from + count * window.bucketMs);
    const missing = starts.flatMap((start, i) => (cached.has(start) ? [] : [i]));
    if (missing.length > 0) {
      // The generation before anything is computed: an invalidation after this read keeps what is computed out of the cache.
      const generation = await this.cache.generation();
      const computed = await this.computedPoints(subWindow(window, missing[0], missing[missing.length - 1] + 1), filter);
      const fresh = computed.filter((p) => !cached.has(Date.parse(p.at)));
      for (const point of fresh) cached.set(Date.parse(point.at), point);
      await this.cache.store(scope, generation, fresh);
    }
    return starts.map((start) => cached.get(start) as TimeseriesPoint);
  }

  private async computedPoints(window: TimeseriesWindow, filter: Pick<JobFilter, 'owner' | 'type'>): Promise<TimeseriesPoint[]> {
    if (window.points === 0) return [];
    return pointsFromBuckets(window, await this.records.timeseriesBuckets(window, filter));
  }
}

function zeroCounts(): Record<JobStatus, number> {
  return Object.fromEntries(JOB_STATUSES.map((s) => [s, 0])) as Record<JobStatus, number>;
}
