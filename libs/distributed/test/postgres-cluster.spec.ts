/**
 * PostgreSQL alone (QUEUE_BACKEND=postgres), end to end with real processes: an API node that also
 * runs jobs, an API node and two workers. Each process holds at most DATABASE_POOL_SIZE connections
 * (counted from the process's own sockets), idle and under load; a SIGKILLed worker's running jobs
 * finish on the other within 10 s with the default lock settings.
 */
import pg from 'pg';
import { CONFIG_VARIABLES } from '@atelier/platform';
import { DATABASE_URL, dropTestNamespaces, testNamespace } from '../src/testing/test-namespace';
import { Cluster, analyze, images, inParallel, jobRowsIn, postgresConnectionsOf, sleep, type ClusterNode } from './cluster-harness';

jest.setTimeout(180_000);

const ns = testNamespace('postgres');
const PG_PORT = Number(new URL(DATABASE_URL).port || 5432);
const BUDGET = Number(CONFIG_VARIABLES.databasePoolSize.default);
const cluster = new Cluster(ns, { QUEUE_BACKEND: 'postgres' });
const until = cluster.until.bind(cluster);

describe('PostgreSQL-only cluster (API with jobs + API + 2 workers, real processes)', () => {
  let db: pg.Client;
  let apiWithJobs: ClusterNode;
  let api: ClusterNode;
  let workerA: ClusterNode;
  let workerB: ClusterNode;

  const { rows: jobRows, allEnded } = jobRowsIn(() => db, ns.databaseSchema);

  /** The most connections each process held over the samples, with what they were at that moment. */
  const peaks = new Map<string, { total: number; byName: Record<string, number> }>();
  const sample = async (nodes: ClusterNode[]) => {
    for (const node of nodes) {
      const now = await postgresConnectionsOf(db, node, PG_PORT);
      if (now.total > (peaks.get(node.name)?.total ?? -1)) peaks.set(node.name, now);
    }
  };

  beforeAll(async () => {
    cluster.build();
    db = new pg.Client({ connectionString: DATABASE_URL });
    await db.connect();
    apiWithJobs = await cluster.start('api-with-jobs', 'api', { RUN_WORKERS: 'true', OFFLINE_LATENCY_MS: '300' });
    api = await cluster.start('api', 'api');
    workerA = await cluster.start('worker-a', 'worker', { OFFLINE_LATENCY_MS: '300' });
    workerB = await cluster.start('worker-b', 'worker', { OFFLINE_LATENCY_MS: '300' });
    await Promise.all([apiWithJobs, api, workerA, workerB].map((node) => cluster.ready(node)));
  });

  afterAll(async () => {
    cluster.cleanup();
    await db?.end();
    await dropTestNamespaces([ns]);
  }, 60_000);

  it(`holds at most DATABASE_POOL_SIZE (${BUDGET}) connections in every process, idle and under load`, async () => {
    const nodes = [apiWithJobs, api, workerA, workerB];
    for (let i = 0; i < 10; i++) {
      await sample(nodes);
      await sleep(100);
    }
    const idle = new Map(peaks);

    const ids = await inParallel([...(await images(80, 1)).entries()], 8, ([i, img]) => analyze(i % 2 ? api : apiWithJobs, img));
    await until('all 80 jobs to end, sampling connections meanwhile', async () => {
      await sample(nodes);
      return allEnded(ids)();
    }, 120_000, 100);

    // Over budget, with what each held by application_name at its idle and loaded peaks.
    const over = nodes
      .filter((n) => idle.get(n.name)!.total > BUDGET || peaks.get(n.name)!.total > BUDGET)
      .map((n) => ({ node: n.name, idle: idle.get(n.name), underLoad: peaks.get(n.name) }));
    expect(over).toEqual([]);
    // The pools did open under load (the count reads what the processes hold, not nothing).
    expect(peaks.get('worker-a')!.total).toBeGreaterThanOrEqual(5);
    expect((await jobRows(ids)).filter((r) => r.status !== 'completed')).toEqual([]);
  });

  it("a SIGKILLed worker's running jobs complete on another worker within 10 s, with the default lock settings", async () => {
    // Only worker A runs jobs now, slowly; worker B comes back fast and idle to take over once A is gone.
    workerB.proc.kill('SIGKILL');
    apiWithJobs.proc.kill('SIGKILL');
    const slow = await cluster.start('worker-a-slow', 'worker', { OFFLINE_LATENCY_MS: '60000' });
    workerA.proc.kill('SIGKILL');
    await cluster.ready(slow);
    const ids = await Promise.all((await images(3, 7000)).map((img) => analyze(api, img)));
    await until('the three analyses to run on the slow worker', async () => (await jobRows(ids)).filter((r) => r.status === 'running').length === 3, 60_000);
    const rescuer = await cluster.start('worker-b-fast', 'worker', { OFFLINE_LATENCY_MS: '300' });
    await cluster.ready(rescuer);

    const { value: rows, ms } = await cluster.killThenWait(slow, 'the three to complete on the other worker', allEnded(ids));
    expect(rows.map((r) => [r.status, r.attempts])).toEqual(ids.map(() => ['completed', 2]));
    expect(ms).toBeLessThan(10_000);
  });
});
