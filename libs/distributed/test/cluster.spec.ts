/**
 * Distributed mode end to end, with real processes from the server build on the machine's
 * PostgreSQL and Redis: 2 API nodes + 2 workers; 200 analyses, one worker SIGKILLed mid-run;
 * a Redis restart mid-run; a cancel from API node 1 reaching the worker that runs the job.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import pg from 'pg';
import sharp from 'sharp';
import { DATABASE_URL, REDIS_URL, dropTestNamespaces, testNamespace } from '../src/testing/test-namespace';

jest.setTimeout(180_000);

const root = resolve(__dirname, '../../..');
const ns = testNamespace('redis');
// A private build inside the workspace (so it resolves node_modules) that a parallel build cannot pull away.
const work = join(root, 'tmp', `cluster-${ns.databaseSchema}`);
const server = join(work, 'server');
const children = new Set<ChildProcess>();
const REDIS_PORT = new URL(REDIS_URL).port || '6379';

interface Node {
  name: string;
  proc: ChildProcess;
  port: number;
}

const baseEnv = {
  DATABASE_URL,
  DATABASE_SCHEMA: ns.databaseSchema,
  REDIS_URL,
  QUEUE_PREFIX: ns.prefix,
  QUEUE_LOCK_DURATION_MS: '2000',
  LOG_LEVEL: process.env['CLUSTER_LOG_LEVEL'] ?? 'warn',
  HOST: '127.0.0.1',
  CONSOLE_DIR: '',
  VISION_PROVIDER: 'offline',
  ANALYSIS_CACHE_TTL_MS: '0',
  WORKER_CONCURRENCY: '4',
  SHUTDOWN_GRACE_MS: '1000',
  DATA_DIR: join(work, 'data'),
};

async function start(name: string, app: 'api' | 'worker', env: Record<string, string> = {}): Promise<Node> {
  const port = await freePort();
  const log = openSync(join(work, `${name}.log`), 'a');
  const proc = spawn(process.execPath, [join(server, `apps/${app}/src/main.js`)], {
    env: { PATH: process.env['PATH'], ...baseEnv, ...(app === 'api' ? { PORT: String(port) } : { WORKER_HEALTH_PORT: String(port) }), ...env },
    stdio: ['ignore', log, log],
  });
  children.add(proc);
  proc.once('exit', () => children.delete(proc));
  return { name, proc, port };
}

async function ready(node: Node, path: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (exited(node)) throw new Error(`${node.name} exited with ${node.proc.exitCode}:\n${logTail(node.name)}`);
    const ok = await fetch(`http://127.0.0.1:${node.port}${path}`).then((r) => r.ok, () => false);
    if (ok) return;
    await sleep(100);
  }
  throw new Error(`${node.name} did not become ready:\n${logTail(node.name)}`);
}

function logTail(name: string, chars = 3000): string {
  return readFileSync(join(work, `${name}.log`), 'utf8').slice(-chars);
}

/** The end of every node's log, for a failure report: the cluster's directory is removed after the run. */
function allLogTails(): string {
  return readdirSync(work)
    .filter((f) => f.endsWith('.log'))
    .map((f) => `--- ${f}\n${logTail(f.slice(0, -4), 1500)}`)
    .join('\n');
}

/** A port nobody listens on now (fixed ports collide with other runs and with ephemeral client ports). */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolvePort(port));
    });
  });
}

const exited = (node: Node) => node.proc.exitCode !== null || node.proc.signalCode !== null;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 60_000, every = 50): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const v = await probe();
    if (v) return v;
    await sleep(every);
  }
  throw new Error(`timed out waiting for ${what}\n${allLogTails()}`);
}

/** Records every event of an SSE stream, by job id. */
class SseClient {
  readonly events: { id: string; event: string; jobId?: string; status?: string }[] = [];
  private readonly abort = new AbortController();

  constructor(url: string) {
    void this.read(url);
  }

  finals(jobId: string): string[] {
    return this.events.filter((e) => e.jobId === jobId && /^job\.(completed|failed|cancelled)$/.test(e.event)).map((e) => e.event);
  }

  close(): void {
    this.abort.abort();
  }

  private async read(url: string): Promise<void> {
    try {
      const res = await fetch(url, { headers: { accept: 'text/event-stream' }, signal: this.abort.signal });
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

async function analyze(api: Node, image: Buffer, analyzer = 'hair-color'): Promise<string> {
  const form = new FormData();
  form.append('image', new Blob([new Uint8Array(image)], { type: 'image/png' }), 'image.png');
  const res = await fetch(`http://127.0.0.1:${api.port}/api/analyzers/${analyzer}/analyze?async_mode=true`, { method: 'POST', body: form });
  if (res.status !== 202) throw new Error(`analyze answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { job_id: string }).job_id;
}

/** Distinct small images of random sizes, so analyses take different times. */
async function images(n: number, seed: number): Promise<Buffer[]> {
  return Promise.all(
    Array.from({ length: n }, (_, i) => {
      const k = seed + i;
      const size = 16 + ((k * 7919) % 240);
      return sharp({ create: { width: size, height: 16 + ((k * 104729) % 200), channels: 3, background: { r: k % 256, g: (k * 31) % 256, b: (k * 17) % 256 } } })
        .png()
        .toBuffer();
    }),
  );
}

async function inParallel<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
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
  let sse: SseClient;

  const jobRows = async (ids: string[]) =>
    (await db.query<{ id: string; status: string; attempts: number }>(`SELECT id, status, attempts FROM "${ns.databaseSchema}".jobs WHERE id = ANY($1)`, [ids])).rows;
  const presetCounts = async (ids: string[]) =>
    new Map(
      (await db.query<{ job_id: string; n: string }>(`SELECT job_id, count(*) AS n FROM "${ns.databaseSchema}".presets WHERE job_id = ANY($1) GROUP BY job_id`, [ids])).rows.map(
        (r) => [r.job_id, Number(r.n)],
      ),
    );
  const allEnded = (ids: string[]) => async () => {
    const rows = await jobRows(ids);
    return rows.length === ids.length && rows.every((r) => ['completed', 'failed', 'cancelled'].includes(r.status)) && rows;
  };

  beforeAll(async () => {
    mkdirSync(work, { recursive: true });
    execFileSync(process.execPath, [join(root, 'tools/build/server.mjs')], { cwd: root, stdio: 'ignore', env: { ...process.env, SERVER_OUT_DIR: server } });
    db = new pg.Client({ connectionString: DATABASE_URL });
    await db.connect();
    // All four boot together: migrations run once under Kysely's lock.
    api1 = await start('api-1', 'api');
    api2 = await start('api-2', 'api');
    workerA = await start('worker-a', 'worker', { OFFLINE_LATENCY_MS: '700' });
    workerB = await start('worker-b', 'worker', { OFFLINE_LATENCY_MS: '300' });
    await Promise.all([ready(api1, '/api/health'), ready(api2, '/api/health'), ready(workerA, '/health'), ready(workerB, '/health')]);
    sse = new SseClient(`http://127.0.0.1:${api2.port}/api/jobs/stream`);
    await until('the SSE snapshot', async () => sse.events.some((e) => e.event === 'snapshot'));
  });

  afterAll(async () => {
    sse?.close();
    for (const child of children) child.kill('SIGKILL');
    startRedis();
    await db?.end();
    await dropTestNamespaces([ns]);
    if (!process.env['KEEP_CLUSTER_DIR']) rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it('ends every one of 200 jobs exactly once although a worker is SIGKILLed mid-run; node 2 streams what node 1 accepted', async () => {
    const ids = await inParallel(await images(200, 1), 8, (img) => analyze(api1, img));
    // Kill worker A while it holds jobs.
    await until('worker A to be running jobs', async () => {
      const health = (await fetch(`http://127.0.0.1:${workerA.port}/health`).then((r) => r.json())) as { running: number };
      return health.running >= 2;
    });
    workerA.proc.kill('SIGKILL');
    const rows = await until('all 200 jobs to end', allEnded(ids), 90_000, 200);

    expect(rows.filter((r) => r.status !== 'completed')).toEqual([]);
    const presets = await presetCounts(ids);
    expect(ids.filter((id) => presets.get(id) !== 1)).toEqual([]);
    // The jobs worker A held were re-run elsewhere, their interrupted attempt counted.
    expect(rows.filter((r) => r.attempts > 1).length).toBeGreaterThan(0);
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
    const slow = await start('worker-c', 'worker', { OFFLINE_LATENCY_MS: '60000' });
    await ready(slow, '/health');
    const [image] = await images(1, 5000);
    const id = await analyze(api1, image);
    const health = async () => (await fetch(`http://127.0.0.1:${slow.port}/health`).then((r) => r.json())) as { running: number };
    await until('the analysis to run on worker C', async () => (await jobRows([id]))[0]?.status === 'running' && (await health()).running === 1, 30_000);
    // Let any thumbnail job of the upload finish first, so the one running job is the analysis.
    await until('only the analysis running', async () => (await health()).running === 1);

    const sent = Date.now();
    const res = await fetch(`http://127.0.0.1:${api1.port}/api/jobs/${id}/cancel`, { method: 'POST' });
    expect(res.status).toBe(200);
    await until('worker C to abort the handler', async () => (await health()).running === 0, 5_000, 20);
    expect(Date.now() - sent).toBeLessThan(1000);
    expect((await jobRows([id]))[0].status).toBe('cancelled');
    await until('node 2 to stream the cancel', async () => sse.finals(id).includes('job.cancelled'), 5_000);
  });
});
