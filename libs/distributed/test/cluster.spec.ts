/**
 * Distributed mode end to end, with real processes from the server build on the machine's
 * PostgreSQL and Redis: 2 API nodes + 2 workers; 200 analyses, one worker SIGKILLed mid-run;
 * a Redis restart mid-run; a cancel from API node 1 reaching the worker that runs the job; the
 * jobs of a SIGKILLed worker finishing elsewhere within 10 s.
 */
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { DATABASE_URL, REDIS_URL, dropTestNamespaces, testNamespace } from '../src/testing/test-namespace';
import { Cluster, analyze, exited, images, inParallel, jobRowsIn, runningOn, sleep, type ClusterNode as Node } from './cluster-harness';

jest.setTimeout(180_000);

const ns = testNamespace('redis');
const REDIS_PORT = new URL(REDIS_URL).port || '6379';
// Default lock settings (QUEUE_LOCK_DURATION_MS unset): what a dead worker costs is part of what is tested.
const cluster = new Cluster(ns, { REDIS_URL, WORKER_CONCURRENCY: '4' });
const until = cluster.until.bind(cluster);

/** Records every event of an SSE stream, by job id. */
class SseClient {
  readonly events: { id: string; event: string; jobId?: string; status?: string }[] = [];
  private readonly abort = new AbortController();

  constructor(url: string, headers: Record<string, string>) {
    void this.read(url, headers);
  }

  finals(jobId: string): string[] {
    return this.events.filter((e) => e.jobId === jobId && /^job\.(completed|failed|cancelled)$/.test(e.event)).map((e) => e.event);
  }

  close(): void {
    this.abort.abort();
  }

  private async read(url: string, headers: Record<string, string>): Promise<void> {
    try {
      const res = await fetch(url, { headers: { ...headers, accept: 'text/event-stream' }, signal: this.abort.signal });
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const field = (name: string) => block.split('\n').find((l) => l.startsWith(`${name}:`))?.slice(name.length + 1).trim();
          const event = field('event');
          const data = field('data');
          if (!event || !data) continue;
          const parsed = JSON.parse(data) as { job_id?: string; status?: string };
          this.events.push({ id: field('id') ?? '', event, jobId: parsed.job_id, status: parsed.status });
        }
      }
    } catch {
      // aborted at the end of the test
    }
  }
}

function startRedis(): void {
  try {
    execFileSync('redis-cli', ['-p', REDIS_PORT, 'ping'], { stdio: 'ignore' });
  } catch {
    execFileSync('redis-server', [
      '--daemonize', 'yes', '--bind', '127.0.0.1', '-::1', '--port', REDIS_PORT, '--save', '', '--appendonly', 'no',
      '--dir', '/var/lib/redis', '--logfile', '/var/log/redis/ci.log',
    ]);
  }
}

describe('distributed cluster (2 API nodes + 2 workers, real processes)', () => {
  let db: pg.Client;
  let api1: Node;
  let api2: Node;
  let workerA: Node;
  let workerB: Node;
  let workerC: Node;
  let sse: SseClient;

  const { rows: jobRows, allEnded } = jobRowsIn(() => db, ns.databaseSchema);
  const presetCounts = async (ids: string[]) =>
    new Map(
      (await db.query<{ job_id: string; n: string }>(`SELECT job_id, count(*) AS n FROM "${ns.databaseSchema}".presets WHERE job_id = ANY($1) GROUP BY job_id`, [ids])).rows.map(
        (r) => [r.job_id, Number(r.n)],
      ),
    );

  beforeAll(async () => {
    cluster.build();
    db = new pg.Client({ connectionString: DATABASE_URL });
    await db.connect();
    // All four boot together: migrations run once under Kysely's lock.
    api1 = await cluster.start('api-1', 'api');
    api2 = await cluster.start('api-2', 'api');
    workerA = await cluster.start('worker-a', 'worker', { OFFLINE_LATENCY_MS: '700' });
    workerB = await cluster.start('worker-b', 'worker', { OFFLINE_LATENCY_MS: '300' });
    await Promise.all([api1, api2, workerA, workerB].map((node) => cluster.ready(node)));
    sse = new SseClient(`http://127.0.0.1:${api2.port}/api/jobs/stream`, api2.auth);
    await until('the SSE snapshot', async () => sse.events.some((e) => e.event === 'snapshot'));
  });

  afterAll(async () => {
    sse?.close();
    cluster.cleanup();
    startRedis();
    await db?.end();
    await dropTestNamespaces([ns]);
  }, 60_000);

  it('ends every one of 200 jobs exactly once although a worker is SIGKILLed mid-run; node 2 streams what node 1 accepted', async () => {
    const ids = await inParallel(await images(200, 1), 8, (img) => analyze(api1, img));
    // Kill worker A while it holds jobs.
    await until('worker A to be running jobs', async () => (await runningOn(workerA)) >= 2);
    workerA.proc.kill('SIGKILL');
    const rows = await until('all 200 jobs to end', allEnded(ids), 90_000, 200);

    expect(rows.filter((r) => r.status !== 'completed')).toEqual([]);
    const presets = await presetCounts(ids);
    expect(ids.filter((id) => presets.get(id) !== 1)).toEqual([]);
    // The jobs worker A held (analyses or their uploads' thumbnails, which go first) were re-run elsewhere, their interrupted attempt counted.
    const rerun = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${ns.databaseSchema}".jobs WHERE attempts > 1`);
    expect(rerun.rows[0].n).toBeGreaterThan(0);
    await until('node 2 to stream every final event', async () => ids.every((id) => sse.finals(id).length > 0));
    await sleep(300);
    expect(ids.filter((id) => sse.finals(id).join() !== 'job.completed')).toEqual([]);
    const cursors = sse.events.map((e) => BigInt(e.id));
    expect(cursors.filter((c, i) => i > 0 && c <= cursors[i - 1]).map(String)).toEqual([]);
  });

  it('keeps going through a Redis restart: nothing lost', async () => {
    const ids = await inParallel(await images(60, 1000), 8, (img) => analyze(api1, img));
    await until('a few jobs to finish', async () => (await jobRows(ids)).filter((r) => r.status === 'completed').length >= 5);
    execFileSync('redis-cli', ['-p', REDIS_PORT, 'shutdown', 'nosave']);
    await sleep(1500);
    startRedis();
    const rows = await until('all 60 jobs to end after the restart', allEnded(ids), 90_000, 200);
    expect(rows.filter((r) => r.status !== 'completed')).toEqual([]);
    const presets = await presetCounts(ids);
    expect(ids.filter((id) => presets.get(id) !== 1)).toEqual([]);
    expect((await fetch(`http://127.0.0.1:${api1.port}/api/health`)).status).toBe(200);
  });

  it('a cancel sent to API node 1 stops the handler on the worker within 1 s', async () => {
    workerB.proc.kill('SIGTERM');
    await until('worker B to stop', async () => exited(workerB), 15_000);
    workerC = await cluster.start('worker-c', 'worker', { OFFLINE_LATENCY_MS: '60000' });
    await cluster.ready(workerC);
    const [image] = await images(1, 5000);
    const id = await analyze(api1, image);
    await until('the analysis to run on worker C', async () => (await jobRows([id]))[0]?.status === 'running' && (await runningOn(workerC)) === 1, 30_000);
    // Let any thumbnail job of the upload finish first, so the one running job is the analysis.
    await until('only the analysis running', async () => (await runningOn(workerC)) === 1);

    const sent = Date.now();
    const res = await fetch(`http://127.0.0.1:${api1.port}/api/jobs/${id}/cancel`, { method: 'POST', headers: api1.auth });
    expect(res.status).toBe(200);
    await until('worker C to abort the handler', async () => (await runningOn(workerC)) === 0, 5_000, 20);
    expect(Date.now() - sent).toBeLessThan(1000);
    expect((await jobRows([id]))[0].status).toBe('cancelled');
    await until('node 2 to stream the cancel', async () => sse.finals(id).includes('job.cancelled'), 5_000);
  });

  it("a SIGKILLed worker's running jobs complete on another worker within 10 s, with the default lock settings", async () => {
    // Worker C (60 s analyses) runs three; worker D, fast and idle, must finish them once C is gone.
    const ids = await Promise.all((await images(3, 7000)).map((img) => analyze(api1, img)));
    await until('the three analyses to run on worker C', async () => (await jobRows(ids)).filter((r) => r.status === 'running').length === 3, 30_000);
    const workerD = await cluster.start('worker-d', 'worker', { OFFLINE_LATENCY_MS: '300' });
    await cluster.ready(workerD);

    const { value: rows, ms } = await cluster.killThenWait(workerC, 'the three to complete on worker D', allEnded(ids));
    expect(rows.map((r) => [r.status, r.attempts])).toEqual(ids.map(() => ['completed', 2]));
    expect(ms).toBeLessThan(10_000);
  });
});
