/**
 * The time series with its cache of closed buckets, on both databases: the first answer (computing
 * and storing), the next ones (from the cache) and those after a restart equal the uncached
 * computation; a retry, a requeue or a deletion in a closed bucket changes the answer exactly as it
 * changes the computation; the usual writes keep the cache; scopes stay apart; a writer that computed
 * before an invalidation stores nothing.
 */
import { sql } from 'kysely';
import type { JobType } from '@atelier/contracts';
import type { AtelierDb } from '@atelier/persistence';
import { JobRecordsReader } from '../job-records.reader';
import { CLOSED_AFTER_MS, StatsService } from './stats.service';
import { TimeseriesCache } from './timeseries-cache';
import { closedBucketCount, planWindow, type TimeseriesWindow, type WindowRequest } from './timeseries-window';
import { pointsFromBuckets } from './timeseries-points';
import { STATS_DATABASES, type TestDatabase } from './testing/stats-databases';
import { HISTORY_START, history } from './testing/job-history';

const HOUR = 3_600_000;
/** "Now" in the middle of the generated history: part of each window is closed, the rest open. */
const NOW = HISTORY_START + 30 * HOUR + 7 * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

type Filter = { owner?: string; type?: JobType };
const WINDOWS: [string, WindowRequest][] = [
  ['1h over 36 h', { from: iso(HISTORY_START + 2.5 * HOUR), to: iso(HISTORY_START + 38 * HOUR), bucket: '1h' }],
  ['5m over 8 h, to just after now', { from: iso(HISTORY_START + 23 * HOUR), to: iso(NOW + 1), bucket: '5m' }],
  ['1m over 2 h, all closed', { from: iso(HISTORY_START + 20 * HOUR), to: iso(HISTORY_START + 22 * HOUR + 30_000), bucket: '1m' }],
  ['1d over 3 days', { from: iso(HISTORY_START - 24 * HOUR), to: iso(HISTORY_START + 48 * HOUR), bucket: '1d' }],
];
const FILTERS: [string, Filter][] = [
  ['every job', {}],
  ['one type', { type: 'generate_thumbnail' }],
  ["one member's", { owner: 'user-b' }],
  ["one member's of one type", { owner: 'user-a', type: 'analyze' }],
];
const scopeOf = (filter: Filter) => ({ owner: filter.owner, actor: filter.owner });

describe.each(STATS_DATABASES)('the cached time series on %s', (_name, open) => {
  let database: TestDatabase;
  let db: AtelierDb;
  let reader: JobRecordsReader;
  let stats: StatsService;
  /** The windows the service asked the database to compute, since the last clear. */
  let computedWindows: TimeseriesWindow[];

  const uncached = async (request: WindowRequest, filter: Filter) => {
    const window = planWindow(request, NOW);
    return pointsFromBuckets(window, await new JobRecordsReader(db).timeseriesBuckets(window, filter));
  };
  const series = async (request: WindowRequest, filter: Filter, service = stats) => (await service.timeseries({ ...request, type: filter.type }, scopeOf(filter), NOW)).points;
  const cacheRows = async () => Number((await sql<{ n: number | string }>`SELECT count(*) AS n FROM stats_cache`.execute(db)).rows[0].n);
  const generation = () => new TimeseriesCache(db).generation();

  beforeAll(async () => {
    database = await open();
    db = database.db;
    const jobs = history(3000, 21);
    for (let i = 0; i < jobs.length; i += 500) await db.insertInto('jobs').values(jobs.slice(i, i + 500)).execute();
    reader = new JobRecordsReader(db);
    const compute = reader.timeseriesBuckets.bind(reader);
    reader.timeseriesBuckets = (window, filter) => {
      computedWindows.push(window);
      return compute(window, filter);
    };
    stats = new StatsService(reader, new TimeseriesCache(db));
  }, 60_000);
  afterAll(() => database?.close());
  beforeEach(() => (computedWindows = []));

  describe.each(WINDOWS)('%s', (_label, request) => {
    const window = planWindow(request, NOW);
    const closedEnd = window.from + closedBucketCount(window, NOW - CLOSED_AFTER_MS) * window.bucketMs;

    it.each(FILTERS)('of %s: the first answer and the cached one equal the uncached computation', async (_filter, filter) => {
      const expected = await uncached(request, filter);
      expect(await series(request, filter)).toEqual(expected);
      computedWindows = [];
      expect(await series(request, filter)).toEqual(expected);
      // The second answer computed only the open buckets.
      expect(computedWindows.every((w) => w.from >= closedEnd)).toBe(true);
      expect(closedEnd > window.from).toBe(true);
    });
  });

  it('a restart (a new service over the same database) answers closed buckets from the durable cache', async () => {
    const [request, filter] = [WINDOWS[0][1], FILTERS[2][1]];
    await series(request, filter);
    computedWindows = [];
    const restarted = new StatsService(reader, new TimeseriesCache(db));
    expect(await series(request, filter, restarted)).toEqual(await uncached(request, filter));
    const window = planWindow(request, NOW);
    expect(computedWindows.map((w) => w.from)).toEqual([window.from + closedBucketCount(window, NOW - CLOSED_AFTER_MS) * window.bucketMs]);
  });

  /** A finished job of `owner` whose times all fall in the closed part of WINDOWS[0]. */
  const closedFinishedJob = async (owner: string, status: string) => {
    const closedBefore = iso(NOW - 2 * HOUR);
    return db
      .selectFrom('jobs')
      .selectAll()
      .where('owner', '=', owner)
      .where('status', '=', status)
      .where('started_at', 'is not', null)
      .where('created_at', '>', WINDOWS[0][1].from as string)
      .where('finished_at', '<', closedBefore)
      .orderBy('id')
      .executeTakeFirstOrThrow();
  };

  it.each([
    ['a manual retry (finished_at cleared)', async (id: string) => db.updateTable('jobs').set({ status: 'queued', finished_at: null }).where('id', '=', id).execute(), 'failed'],
    ['a requeue then a new start (started_at rewritten)', async (id: string) => db.updateTable('jobs').set({ status: 'running', started_at: iso(NOW), finished_at: null }).where('id', '=', id).execute(), 'completed'],
    ['a deletion', async (id: string) => db.deleteFrom('jobs').where('id', '=', id).execute(), 'completed'],
    [
      'a retention cleanup (many jobs in one statement)',
      async () => db.deleteFrom('jobs').where('finished_at', '<', iso(HISTORY_START + 12 * HOUR)).where('status', 'in', ['completed', 'failed']).execute(),
      'completed',
    ],
  ] as const)('%s in a closed bucket changes the answer exactly as the computation', async (_change, change, status) => {
    const filters = FILTERS.map(([, f]) => f);
    for (const filter of filters) for (const [, request] of WINDOWS) await series(request, filter);
    const job = await closedFinishedJob('user-a', status);
    const before = await series(WINDOWS[0][1], {});
    await change(job.id);
    const after = await series(WINDOWS[0][1], {});
    expect(after).not.toEqual(before);
    for (const filter of filters) for (const [, request] of WINDOWS) expect(await series(request, filter)).toEqual(await uncached(request, filter));
  });

  it("the usual writes (a job created, started, finished now) keep the cache and its generation", async () => {
    await series(WINDOWS[0][1], {});
    const [rows, gen] = [await cacheRows(), await generation()];
    const job = await closedFinishedJob('user-b', 'completed');
    const id = `${job.id.slice(0, 30)}-now`;
    await db.insertInto('jobs').values({ ...job, id, status: 'queued', created_at: iso(Date.now()), started_at: null, finished_at: null }).execute();
    await db.updateTable('jobs').set({ status: 'running', started_at: iso(Date.now()) }).where('id', '=', id).execute();
    await db.updateTable('jobs').set({ progress: 0.5 }).where('id', '=', id).execute();
    await db.updateTable('jobs').set({ status: 'completed', finished_at: iso(Date.now()) }).where('id', '=', id).execute();
    expect([await cacheRows(), await generation()]).toEqual([rows, gen]);
  });

  it("an invalidation forgets only the scopes of the changed job: another member's buckets stay cached", async () => {
    const request = WINDOWS[0][1];
    await series(request, { owner: 'user-b' });
    await series(request, { owner: 'user-a' });
    const job = await closedFinishedJob('user-a', 'completed');
    await db.deleteFrom('jobs').where('id', '=', job.id).execute();
    computedWindows = [];
    expect(await series(request, { owner: 'user-b' })).toEqual(await uncached(request, { owner: 'user-b' }));
    expect(computedWindows).toHaveLength(1);
    computedWindows = [];
    expect(await series(request, { owner: 'user-a' })).toEqual(await uncached(request, { owner: 'user-a' }));
    expect(computedWindows).toHaveLength(2);
  });

  it('a writer that read the generation before an invalidation stores nothing', async () => {
    const cache = new TimeseriesCache(db);
    const request = { from: iso(HISTORY_START + 40 * HOUR), to: iso(HISTORY_START + 44 * HOUR), bucket: '1h' as const };
    const scope = { bucketMs: HOUR, owner: 'user-a', type: '*' };
    const gen = await cache.generation();
    const computed = await uncached(request, { owner: 'user-a' });
    const job = await closedFinishedJob('user-a', 'completed');
    await db.updateTable('jobs').set({ status: 'queued', finished_at: null }).where('id', '=', job.id).execute();
    expect(await cache.store(scope, gen, computed)).toBe(false);
    expect((await cache.read(scope, Date.parse(request.from), Date.parse(request.to))).size).toBe(0);
    expect(await cache.store(scope, await cache.generation(), computed)).toBe(true);
    expect((await cache.read(scope, Date.parse(request.from), Date.parse(request.to))).size).toBe(4);
  });
});
