/**
 * The stats over real job records, on both databases (a SQLite file and a PostgreSQL schema of this
 * test): known rows in, exact counts and percentiles out, within the caller's scope.
 */
import type { AtelierDb, JobsTable } from '@atelier/persistence';
import { JobRecordsReader } from '../job-records.reader';
import { StatsService } from './stats.service';
import { TimeseriesCache } from './timeseries-cache';
import { jobRecord as job, STATS_DATABASES } from './testing/stats-databases';

const A = 'user-a';
const B = 'user-b';

const at = (hhmmss: string) => `2026-01-01T${hhmmss}.000Z`;

/** Eight jobs around the window 00:00–03:00 of 2026-01-01 (see the expectations below). */
const JOBS: JobsTable[] = [
  job({ created_at: at('00:10:00'), started_at: at('00:11:00'), finished_at: at('00:15:00'), status: 'completed' }),
  job({ created_at: at('00:20:00'), started_at: at('00:20:30'), finished_at: at('01:05:00'), status: 'failed' }),
  job({ created_at: at('00:30:00'), started_at: at('00:40:00'), finished_at: at('00:45:00'), status: 'completed', owner: B }),
  job({ created_at: at('01:10:00'), started_at: at('01:10:01'), finished_at: at('01:10:02'), status: 'completed', owner: null, type: 'generate_thumbnail' }),
  job({ created_at: at('01:30:00'), finished_at: at('01:40:00'), status: 'cancelled' }),
  job({ created_at: at('02:50:00') }),
  job({ created_at: '2025-12-31T23:59:00.000Z', started_at: at('00:01:00'), status: 'running' }),
  job({ created_at: at('03:00:00') }),
];

const WINDOW = { from: at('00:00:00'), to: at('03:00:00'), bucket: '1h' as const };
const none = { p50: null, p95: null };

describe.each(STATS_DATABASES)('stats on %s', (_name, open) => {
  let db: AtelierDb;
  let close: () => Promise<void>;
  let stats: StatsService;

  beforeAll(async () => {
    ({ db, close } = await open());
    await db.insertInto('jobs').values(JOBS).execute();
    stats = new StatsService(new JobRecordsReader(db), new TimeseriesCache(db));
  });
  afterAll(() => close?.());

  it('summary: every status, every type, the oldest queued job', async () => {
    const summary = await stats.summary({});
    expect(summary.by_status).toEqual({ queued: 2, running: 1, completed: 3, failed: 1, cancelled: 1 });
    expect(summary.by_type.analyze).toEqual({ queued: 2, running: 1, completed: 2, failed: 1, cancelled: 1 });
    expect(summary.by_type.generate_thumbnail).toEqual({ queued: 0, running: 0, completed: 1, failed: 0, cancelled: 0 });
    expect(summary.by_type.batch).toEqual({ queued: 0, running: 0, completed: 0, failed: 0, cancelled: 0 });
    expect(summary.oldest_queued_at).toBe(at('02:50:00'));
  });

  it("summary of a member: its own jobs only", async () => {
    expect(await stats.summary({ owner: B, actor: B })).toMatchObject({ by_status: { queued: 0, running: 0, completed: 1, failed: 0, cancelled: 0 }, oldest_queued_at: null });
    expect((await stats.summary({ owner: A, actor: A })).by_status).toEqual({ queued: 2, running: 1, completed: 1, failed: 1, cancelled: 1 });
  });

  it('timeseries: counts by created and finished time, wait and run percentiles by start and finish time', async () => {
    const series = await stats.timeseries(WINDOW, {});
    expect(series).toMatchObject({ bucket: '1h', from: WINDOW.from, to: WINDOW.to, type: null });
    expect(series.points).toEqual([
      { at: at('00:00:00'), created: 3, completed: 2, failed: 0, cancelled: 0, wait_ms: { p50: 60_000, p95: 600_000 }, run_ms: { p50: 240_000, p95: 300_000 } },
      { at: at('01:00:00'), created: 2, completed: 1, failed: 1, cancelled: 1, wait_ms: { p50: 1000, p95: 1000 }, run_ms: { p50: 1000, p95: 2_670_000 } },
      { at: at('02:00:00'), created: 1, completed: 0, failed: 0, cancelled: 0, wait_ms: none, run_ms: none },
    ]);
  });

  it('timeseries of one type, and of a member', async () => {
    const thumbnails = await stats.timeseries({ ...WINDOW, type: 'generate_thumbnail' }, {});
    expect(thumbnails.type).toBe('generate_thumbnail');
    expect(thumbnails.points.map((p) => [p.created, p.completed])).toEqual([
      [0, 0],
      [1, 1],
      [0, 0],
    ]);
    const ofB = await stats.timeseries(WINDOW, { owner: B, actor: B });
    expect(ofB.points[0]).toMatchObject({ created: 1, completed: 1, wait_ms: { p50: 600_000, p95: 600_000 }, run_ms: { p50: 300_000, p95: 300_000 } });
    expect(ofB.points.slice(1).every((p) => p.created === 0 && p.completed === 0 && p.wait_ms.p50 === null)).toBe(true);
  });
});
