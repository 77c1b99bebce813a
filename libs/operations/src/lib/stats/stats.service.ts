import { Injectable } from '@nestjs/common';
import { JOB_STATUSES, JOB_TYPES, type JobStatus, type JobType, type StatsSummary, type Timeseries } from '@atelier/contracts';
import type { AccessScope } from '@atelier/platform';
import { JobRecordsReader } from '../job-records.reader';
import { planWindow, type WindowRequest } from './timeseries-window';
import { pointsFromBuckets } from './timeseries-points';

/** Job counts and the time series of the operator's dashboard, from the durable job records, within the caller's scope. */
@Injectable()
export class StatsService {
  constructor(private readonly records: JobRecordsReader) {}

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

  async timeseries(request: WindowRequest & { type?: JobType }, scope: AccessScope): Promise<Timeseries> {
    const window = planWindow(request);
    const computed = await this.records.timeseriesBuckets(window, { owner: scope.owner, type: request.type });
    const [from, to] = [window.from, window.to].map((at) => new Date(at).toISOString());
    return { bucket: window.bucket, from, to, type: request.type ?? null, points: pointsFromBuckets(window, computed) };
  }
}

function zeroCounts(): Record<JobStatus, number> {
  return Object.fromEntries(JOB_STATUSES.map((s) => [s, 0])) as Record<JobStatus, number>;
}
