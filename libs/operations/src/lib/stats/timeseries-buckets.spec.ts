/**
 * The time series computed in SQL (JobRecordsReader.timeseriesBuckets + pointsFromBuckets) against
 * the reference computation in memory over every row (timeseriesPoints), on a generated history of
 * both databases: times on bucket edges and outside the window, ties, clock skew, jobs that never
 * started or never finished, filters by type and owner.
 */
import type { JobType } from '@atelier/contracts';
import type { AtelierDb } from '@atelier/persistence';
import { JobRecordsReader } from '../job-records.reader';
import { planWindow, type TimeseriesWindow, type WindowRequest } from './timeseries-window';
import { pointsFromBuckets, timeseriesPoints, type TimeseriesRows } from './timeseries-points';
import { STATS_DATABASES, type TestDatabase } from './testing/stats-databases';
import { history } from './testing/job-history';

/** The rows the reference computation reads: every job created, started and finished in the window. */
async function rowsOf(db: AtelierDb, window: TimeseriesWindow, filter: { owner?: string; type?: JobType }): Promise<TimeseriesRows> {
  const [from, to] = [window.from, window.to].map((at) => new Date(at).toISOString());
  const jobs = await db.selectFrom('jobs').select(['type', 'owner', 'status', 'created_at', 'started_at', 'finished_at']).execute();
  const kept = jobs.filter((j) => (filter.owner === undefined || j.owner === filter.owner) && (filter.type === undefined || j.type === filter.type));
  const within = (iso: string | null): iso is string => iso !== null && iso >= from && iso < to;
  return {
    created: kept.filter((j) => within(j.created_at)).map((j) => j.created_at),
    started: kept.filter((j) => within(j.started_at)).map((j) => ({ created_at: j.created_at, started_at: j.started_at as string })),
    finished: kept.filter((j) => within(j.finished_at)).map((j) => ({ status: j.status, started_at: j.started_at, finished_at: j.finished_at as string })),
  };
}

const WINDOWS: [string, WindowRequest][] = [
  ['1h over 36 h, from not on an edge', { from: '2026-01-01T05:17:31.250Z', to: '2026-01-02T17:17:31.250Z', bucket: '1h' }],
  ['5m over 6 h', { from: '2026-01-01T10:00:00Z', to: '2026-01-01T16:00:00Z', bucket: '5m' }],
  ['1m over 2 h, to not on an edge', { from: '2026-01-01T20:00:00Z', to: '2026-01-01T22:00:00.001Z', bucket: '1m' }],
  ['1d over 4 days, most of them empty', { from: '2025-12-30T12:00:00Z', to: '2026-01-03T00:00:00Z', bucket: '1d' }],
];
const FILTERS: [string, { owner?: string; type?: JobType }][] = [
  ['every job', {}],
  ['one type', { type: 'generate_thumbnail' }],
  ["one member's", { owner: 'user-b' }],
  ["one member's of one type", { owner: 'user-a', type: 'analyze' }],
];

describe.each(STATS_DATABASES)('the time series computed by %s', (_name, open) => {
  let database: TestDatabase;
  let reader: JobRecordsReader;
  const jobs = history(4000, 14);

  beforeAll(async () => {
    database = await open();
    for (let i = 0; i < jobs.length; i += 500) await database.db.insertInto('jobs').values(jobs.slice(i, i + 500)).execute();
    reader = new JobRecordsReader(database.db);
  }, 60_000);
  afterAll(() => database?.close());

  describe.each(WINDOWS)('%s', (_label, request) => {
    const window = planWindow(request);

    it.each(FILTERS)('of %s is the same as the reference computation over every row', async (_filter, filter) => {
      const expected = timeseriesPoints(window, await rowsOf(database.db, window, filter));
      const actual = pointsFromBuckets(window, await reader.timeseriesBuckets(window, filter));
      expect(actual).toEqual(expected);
      // The history reaches every kind of answer, so an equality of empty series proves nothing here.
      expect(expected.some((p) => p.created > 0 && p.run_ms.p95 !== null && p.wait_ms.p50 !== null) || request.bucket === '1d').toBe(true);
    });
  });

  it('sends back one pair of percentiles per bucket with samples, not one row per job', async () => {
    const window = planWindow({ from: '2026-01-01T00:00:00Z', to: '2026-01-03T00:00:00Z', bucket: '1h' });
    const computed = await reader.timeseriesBuckets(window, {});
    for (const series of [computed.wait, computed.run]) {
      expect(series.length).toBe(window.points);
      expect(new Set(series.map((p) => p.bucket)).size).toBe(series.length);
      for (const { p50, p95 } of series) expect(0 <= p50 && p50 <= p95).toBe(true);
    }
  });
});
