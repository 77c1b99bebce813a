/**
 * Real processes from a private server build, for the cluster tests: start API nodes and workers
 * with an environment, wait for them (an API node is then signed in with an API key of the first
 * admin), read their logs, and count the PostgreSQL connections a process really holds.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import pg from 'pg';
import sharp from 'sharp';

export interface ClusterNode {
  name: string;
  proc: ChildProcess;
  port: number;
  /** An API node's Authorization header, once it is ready. */
  auth: Record<string, string>;
}

const root = resolve(__dirname, '../../..');
const ADMIN = { email: 'admin@atelier.test', password: 'a long cluster admin password' };
/** The first admin, made by whichever API node boots first; limits out of the way of tests that are not about them. */
const API_ENV = {
  ATELIER_ADMIN_EMAIL: ADMIN.email,
  ATELIER_ADMIN_PASSWORD: ADMIN.password,
  RATE_LIMIT_PER_MINUTE: '1000000',
  JOB_QUOTA_PER_USER: '1000000',
};

export const exited = (node: ClusterNode) => node.proc.exitCode !== null || node.proc.signalCode !== null;
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Cluster {
  /** A private build inside the workspace (so it resolves node_modules) that a parallel build cannot pull away. */
  readonly work: string;
  private readonly server: string;
  private readonly children = new Set<ChildProcess>();

  private readonly baseEnv: Record<string, string>;

  /** A cluster on the namespace's schema and queue prefix; `env` adds to what every node gets. */
  constructor(ns: { databaseUrl: string; databaseSchema: string; prefix: string }, env: Record<string, string>) {
    this.work = join(root, 'tmp', `cluster-${ns.databaseSchema}`);
    this.server = join(this.work, 'server');
    this.baseEnv = {
      DATABASE_URL: ns.databaseUrl,
      DATABASE_SCHEMA: ns.databaseSchema,
      QUEUE_PREFIX: ns.prefix,
      LOG_LEVEL: process.env['CLUSTER_LOG_LEVEL'] ?? 'warn',
      HOST: '127.0.0.1',
      CONSOLE_DIR: '',
      VISION_PROVIDER: 'offline',
      ANALYSIS_CACHE_TTL_MS: '0',
      SHUTDOWN_GRACE_MS: '1000',
      ...env,
    };
  }

  build(): void {
    mkdirSync(this.work, { recursive: true });
    execFileSync(process.execPath, [join(root, 'tools/build/server.mjs')], { cwd: root, stdio: 'ignore', env: { ...process.env, SERVER_OUT_DIR: this.server } });
  }

  async start(name: string, app: 'api' | 'worker', env: Record<string, string> = {}): Promise<ClusterNode> {
    const port = await freePort();
    const log = openSync(join(this.work, `${name}.log`), 'a');
    const proc = spawn(process.execPath, [join(this.server, `apps/${app}/src/main.js`)], {
      env: {
        PATH: process.env['PATH'],
        DATA_DIR: join(this.work, 'data'),
        ...this.baseEnv,
        ...(app === 'api' ? { ...API_ENV, PORT: String(port) } : { WORKER_HEALTH_PORT: String(port) }),
        ...env,
      },
      stdio: ['ignore', log, log],
    });
    this.children.add(proc);
    proc.once('exit', () => this.children.delete(proc));
    return { name, proc, port, auth: {} };
  }

  /** Waits for the node's health check; an API node is then signed in (`node.auth`). */
  async ready(node: ClusterNode, path = node.name.startsWith('api') ? '/api/health' : '/health'): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (exited(node)) throw new Error(`${node.name} exited with ${node.proc.exitCode}:\n${this.logTail(node.name)}`);
      const ok = await fetch(`http://127.0.0.1:${node.port}${path}`).then((r) => r.ok, () => false);
      if (ok) {
        if (path === '/api/health') node.auth = { authorization: `Bearer ${await apiKeyOf(node)}` };
        return;
      }
      await sleep(100);
    }
    throw new Error(`${node.name} did not become ready:\n${this.logTail(node.name)}`);
  }

  logTail(name: string, chars = 3000): string {
    return readFileSync(join(this.work, `${name}.log`), 'utf8').slice(-chars);
  }

  /** The end of every node's log, for a failure report: the cluster's directory is removed after the run. */
  allLogTails(): string {
    return readdirSync(this.work)
      .filter((f) => f.endsWith('.log'))
      .map((f) => `--- ${f}\n${this.logTail(f.slice(0, -4), 1500)}`)
      .join('\n');
  }

  async until<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 60_000, every = 50): Promise<T> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const v = await probe();
      if (v) return v;
      await sleep(every);
    }
    throw new Error(`timed out waiting for ${what}\n${this.allLogTails()}`);
  }

  /** SIGKILLs `victim`, then waits (30 s at most) for `done`; answers what it gave and how long after the kill. */
  async killThenWait<T>(victim: ClusterNode, what: string, done: () => Promise<T | undefined | false>): Promise<{ value: T; ms: number }> {
    const killed = Date.now();
    victim.proc.kill('SIGKILL');
    const value = await this.until(what, done, 30_000, 50);
    return { value, ms: Date.now() - killed };
  }

  /** Kills every process still running and removes the work folder (unless KEEP_CLUSTER_DIR). */
  cleanup(): void {
    for (const child of this.children) child.kill('SIGKILL');
    if (!process.env['KEEP_CLUSTER_DIR']) rmSync(this.work, { recursive: true, force: true });
  }
}

/** A port nobody listens on now (fixed ports collide with other runs and with ephemeral client ports). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolvePort(port));
    });
  });
}

/** Signs in to an API node as the first admin (session cookie, from the node's own origin) and answers a new API key. */
async function apiKeyOf(api: ClusterNode): Promise<string> {
  const url = `http://127.0.0.1:${api.port}`;
  const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  if (login.status !== 200) throw new Error(`${api.name}: login answered ${login.status}: ${await login.text()}`);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const res = await fetch(`${url}/api/api-keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: url },
    body: JSON.stringify({ name: `cluster ${api.name}` }),
  });
  if (res.status !== 201) throw new Error(`${api.name}: POST /api/api-keys answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { key: string }).key;
}

export async function analyze(api: ClusterNode, image: Buffer, analyzer = 'hair-color'): Promise<string> {
  const form = new FormData();
  form.append('image', new Blob([new Uint8Array(image)], { type: 'image/png' }), 'image.png');
  const res = await fetch(`http://127.0.0.1:${api.port}/api/analyzers/${analyzer}/analyze?async_mode=true`, { method: 'POST', body: form, headers: api.auth });
  if (res.status !== 202) throw new Error(`analyze answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { job_id: string }).job_id;
}

/** Distinct small images of random sizes, so analyses take different times. */
export async function images(n: number, seed: number): Promise<Buffer[]> {
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

export async function inParallel<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
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

export interface JobRow {
  id: string;
  status: string;
  attempts: number;
}

/** The jobs' rows, read straight from the cluster's schema; `allEnded` probes until they all ended. */
export function jobRowsIn(db: () => pg.Client, schema: string) {
  const rows = async (ids: string[]) => (await db().query<JobRow>(`SELECT id, status, attempts FROM "${schema}".jobs WHERE id = ANY($1)`, [ids])).rows;
  const allEnded = (ids: string[]) => async () => {
    const now = await rows(ids);
    return now.length === ids.length && now.every((r) => ['completed', 'failed', 'cancelled'].includes(r.status)) && now;
  };
  return { rows, allEnded };
}

/** Running jobs of one worker, from its liveness endpoint. */
export async function runningOn(worker: ClusterNode): Promise<number> {
  return ((await fetch(`http://127.0.0.1:${worker.port}/health`).then((r) => r.json())) as { running: number }).running;
}

/** The local ports of the TCP connections `pid` holds (established or opening) to `remotePort`, read from /proc. */
function connectionPortsOf(pid: number, remotePort: number): number[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]);
    } catch {
      // closed while we looked
    }
  }
  const ports: number[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10 || !inodes.has(cols[9])) continue;
      const [local, remote, state] = [cols[1], cols[2], cols[3]];
      // 01 ESTABLISHED, 02 SYN_SENT
      if (parseInt(remote.split(':')[1], 16) === remotePort && (state === '01' || state === '02')) ports.push(parseInt(local.split(':')[1], 16));
    }
  }
  return ports;
}

/** What one process holds on PostgreSQL: its connections, and how many of them each application_name has. */
export async function postgresConnectionsOf(db: pg.Client, node: ClusterNode, pgPort: number): Promise<{ total: number; byName: Record<string, number> }> {
  const ports = connectionPortsOf(node.proc.pid!, pgPort);
  const { rows } = await db.query<{ name: string; n: number }>(
    `SELECT application_name AS name, count(*)::int AS n FROM pg_stat_activity WHERE client_port = ANY($1) GROUP BY application_name ORDER BY 1`,
    [ports],
  );
  return { total: ports.length, byName: Object.fromEntries(rows.map((r) => [r.name, r.n])) };
}
