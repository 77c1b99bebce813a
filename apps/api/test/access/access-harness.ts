/**
 * What the access tests share: the built server as a child process, callers that authenticate as
 * the console (session cookie, Origin of the console) or as an integration (Bearer API key), and
 * raw HTTP, so every header (Host, Origin, Cookie) is exactly what the test says.
 */
import { DATABASE_URL, REDIS_URL, dropTestNamespaces, testNamespace as sharedTestNamespace } from '@atelier/distributed/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { CreatedApiKey, Job, Role, User } from '@atelier/contracts';
import { ServerProcess, freePort } from '../support/server-process';

export const ADMIN = { email: 'admin@atelier.test', password: 'admin password 1234' };
export const PASSWORD = 'a member password 1234';

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field
  body: any;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** One HTTP request over node:http: no header is added or forbidden behind the test's back. */
export function send(url: string, options: RequestOptions = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...options.headers };
    if (options.body !== undefined) headers['content-length'] = Buffer.byteLength(options.body);
    const req = httpRequest(url, { method: options.method ?? 'GET', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown;
        if (/json/.test(res.headers['content-type'] ?? '')) body = JSON.parse(text);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body });
      });
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** A multipart/form-data body as a browser would send it. */
export async function multipart(fields: Record<string, string | Buffer>): Promise<{ body: Buffer; contentType: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, new Blob([new Uint8Array(value)], { type: 'image/png' }), `${name}.png`);
  }
  const encoded = new Response(form);
  return { body: Buffer.from(await encoded.arrayBuffer()), contentType: encoded.headers.get('content-type')! };
}

let images = 0;
/** A small PNG no other call returns (images are stored by content, so each test owns its own). */
export async function uniquePng(): Promise<Buffer> {
  const n = ++images;
  const [r, g, b] = [...randomBytes(3)];
  return sharp({ create: { width: 48 + (n % 16), height: 40, channels: 3, background: { r, g, b } } })
    .png()
    .toBuffer();
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` answers something truthy; fails naming `what` after `ms`. */
export async function until<T>(what: string, check: () => Promise<T | undefined | false>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** Asserts a status, with the answer in the failure message. */
export function expectStatus(answer: Answer, status: number): void {
  if (answer.status !== status) throw new Error(`expected ${status}, got ${answer.status}: ${answer.text.slice(0, 500)}`);
  expect(answer.status).toBe(status);
}

/** Asserts a problem+json answer of this status (and code). */
export function expectProblem(answer: Answer, status: number, code?: string): void {
  expectStatus(answer, status);
  expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(answer.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
  if (code) expect(answer.body.code).toBe(code);
}

interface CallOptions {
  json?: unknown;
  body?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
  /** The Origin header: a cookie caller sends the console's own by default on changes; null sends none. */
  origin?: string | null;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Someone calling the API: nobody, a session cookie (as the console does) or an API key (as an integration does). */
export class Caller {
  constructor(
    readonly server: AccessServer,
    readonly credentials: { cookie?: string; key?: string } = {},
    readonly user?: User,
  ) {}

  get id(): string {
    if (!this.user) throw new Error('an anonymous caller has no user id');
    return this.user.user_id;
  }

  /** The same user through another server (nodes share sessions and keys in distributed mode). */
  on(server: AccessServer): Caller {
    return new Caller(server, this.credentials, this.user);
  }

  headers(method = 'GET', options: Pick<CallOptions, 'origin'> = {}): Record<string, string> {
    const h: Record<string, string> = {};
    if (this.credentials.key) h['authorization'] = `Bearer ${this.credentials.key}`;
    if (this.credentials.cookie) h['cookie'] = this.credentials.cookie;
    const origin = options.origin === undefined ? (this.credentials.cookie && !SAFE.has(method) ? this.server.url : null) : options.origin;
    if (origin) h['origin'] = origin;
    return h;
  }

  call(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
    const headers = { ...this.headers(method, options), ...options.headers };
    let body = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
    }
    if (options.contentType) headers['content-type'] = options.contentType;
    return send(`${this.server.url}${path}`, { method, headers, body });
  }

  get(path: string, options?: CallOptions): Promise<Answer> {
    return this.call('GET', path, options);
  }

  post(path: string, json?: unknown, options: CallOptions = {}): Promise<Answer> {
    return this.call('POST', path, { ...options, json });
  }

  patch(path: string, json: unknown, options: CallOptions = {}): Promise<Answer> {
    return this.call('PATCH', path, { ...options, json });
  }

  delete(path: string, options?: CallOptions): Promise<Answer> {
    return this.call('DELETE', path, options);
  }

  /** An async analysis of `image` (a fresh one by default), answered as it comes. */
  async analyze(options: CallOptions & { image?: Buffer; analyzer?: string; fields?: Record<string, string> } = {}): Promise<Answer> {
    const form = await multipart({ image: options.image ?? (await uniquePng()), ...options.fields });
    return this.call('POST', `/api/analyzers/${options.analyzer ?? 'hair-color'}/analyze?async_mode=true`, { ...options, body: form.body, contentType: form.contentType });
  }

  /** An async analysis that must be accepted; answers its job. */
  async submit(options: Parameters<Caller['analyze']>[0] = {}): Promise<Job> {
    const answer = await this.analyze(options);
    expectStatus(answer, 202);
    return answer.body.job as Job;
  }

  async job(id: string): Promise<Job> {
    const answer = await this.get(`/api/jobs/${id}`);
    expectStatus(answer, 200);
    return answer.body as Job;
  }

  /** Polls one job until `done` holds for it. */
  waitForJob(id: string, done: (job: Job) => boolean = (j) => j.status === 'completed', ms = 60_000): Promise<Job> {
    return until(`job ${id}`, async () => {
      const job = await this.job(id);
      return done(job) && job;
    }, ms);
  }

  /** Every job this caller may list (follows next_cursor). */
  async jobIds(query = ''): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const answer: Answer = await this.get(`/api/jobs?limit=200${query}${cursor ? `&cursor=${cursor}` : ''}`);
      expectStatus(answer, 200);
      ids.push(...(answer.body.jobs as Job[]).map((j) => j.job_id));
      cursor = answer.body.next_cursor;
    } while (cursor);
    return ids;
  }

  /** Creates an API key as this caller; answers it and a caller that uses it. */
  async createKey(spec: { name?: string; role?: Role; expires_at?: string } = {}): Promise<{ key: CreatedApiKey; caller: Caller }> {
    const answer = await this.post('/api/api-keys', { name: spec.name ?? 'test key', ...spec });
    expectStatus(answer, 201);
    const key = answer.body as CreatedApiKey;
    return { key, caller: new Caller(this.server, { key: key.key }, this.user) };
  }

  /** Creates a user (this caller is an admin) and signs it in. */
  async createUser(role: Role, name?: string): Promise<Caller> {
    const email = `${role}-${randomBytes(4).toString('hex')}@atelier.test`;
    const created = await this.post('/api/users', { email, password: PASSWORD, role, name });
    expectStatus(created, 201);
    return this.server.login(email, PASSWORD);
  }
}

export interface StartOptions {
  /** Create the first admin from ATELIER_ADMIN_* (default true). */
  admin?: boolean;
}

/** The built server (dist/server) on its own port and data folder, as `npm start` runs it. */
export class AccessServer {
  private constructor(
    private readonly process: ServerProcess,
    private readonly dataDir: string | undefined,
  ) {}

  static async start(env: Record<string, string> = {}, options: StartOptions = {}): Promise<AccessServer> {
    const dataDir = env['DATABASE_URL'] ? undefined : mkdtempSync(join(tmpdir(), 'atelier-access-'));
    const adminEnv: Record<string, string> = options.admin === false ? {} : { ATELIER_ADMIN_EMAIL: ADMIN.email, ATELIER_ADMIN_PASSWORD: ADMIN.password };
    const server = new ServerProcess(await freePort(), {
      ...(dataDir ? { DATA_DIR: dataDir } : {}),
      CONSOLE_DIR: '',
      OFFLINE_LATENCY_MS: '50',
      ANALYSIS_CACHE_TTL_MS: '0',
      VISION_PROVIDER: 'offline',
      ...adminEnv,
      ...env,
    });
    const access = new AccessServer(server, dataDir);
    try {
      await server.start(60_000);
    } catch (err) {
      await access.stop();
      throw err;
    }
    return access;
  }

  get port(): number {
    return this.process.port;
  }

  /** http://127.0.0.1:PORT, which is also the console's own origin. */
  get url(): string {
    return this.process.url;
  }

  get output(): string {
    return this.process.output;
  }

  anonymous(): Caller {
    return new Caller(this);
  }

  async login(email: string, password: string): Promise<Caller> {
    const answer = await send(`${this.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: this.url },
      body: JSON.stringify({ email, password }),
    });
    expectStatus(answer, 200);
    return new Caller(this, { cookie: sessionCookieOf(answer) }, answer.body.user as User);
  }

  admin(): Promise<Caller> {
    return this.login(ADMIN.email, ADMIN.password);
  }

  async stop(): Promise<void> {
    await this.process.kill('SIGKILL');
    if (this.dataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/**
 * The server of one describe block: started with its admin signed in before the block's tests,
 * stopped after them. `env` may be computed when the block starts (e.g. a free port).
 */
export function useAccessServer(env: Record<string, string> | (() => Promise<Record<string, string>>) = {}): { readonly server: AccessServer; readonly admin: Caller } {
  const suite = {} as { server: AccessServer; admin: Caller };
  beforeAll(async () => {
    suite.server = await AccessServer.start(typeof env === 'function' ? await env() : env);
    suite.admin = await suite.server.admin();
  });
  afterAll(() => suite.server?.stop());
  return suite;
}

/** `name=value` of the session cookie a login or setup answer sets. */
export function sessionCookieOf(answer: Answer): string {
  const setCookie = [answer.headers['set-cookie'] ?? []].flat();
  const session = setCookie.find((c) => c.startsWith('atelier_session='));
  if (!session) throw new Error(`no session cookie in ${JSON.stringify(answer.headers)}`);
  return session.split(';')[0];
}

/**
 * Rates are counted in fixed one-minute windows: waits until the current window has at least
 * `seconds` left, so a burst the test sends lands in one window.
 */
export async function awaitFreshWindow(server: AccessServer, seconds = 20): Promise<void> {
  const probe = await send(`${server.url}/api/auth/setup`);
  const reset = Number(probe.headers['ratelimit-reset']);
  expect(reset).toBeGreaterThan(0);
  if (reset < seconds) await sleep(reset * 1000 + 250);
}

/** The RateLimit-* headers and Retry-After of an answer, as numbers. */
export function rateHeadersOf(answer: Answer) {
  return {
    limit: Number(answer.headers['ratelimit-limit']),
    remaining: Number(answer.headers['ratelimit-remaining']),
    reset: Number(answer.headers['ratelimit-reset']),
    retryAfter: answer.headers['retry-after'] === undefined ? undefined : Number(answer.headers['retry-after']),
  };
}

export const TEST_DATABASE_URL = DATABASE_URL;
export const TEST_REDIS_URL = REDIS_URL;

/** A PostgreSQL schema and queue prefix of this test alone (libs/distributed's test namespace). */
export function testNamespace(): { schema: string; prefix: string } {
  const ns = sharedTestNamespace('redis');
  return { schema: ns.databaseSchema, prefix: ns.prefix };
}

/** Drops the schema, the BullMQ schema of its prefix, and the prefix's Redis keys. */
export async function dropTestNamespace(ns: { schema: string; prefix: string }): Promise<void> {
  await dropTestNamespaces([{ databaseUrl: DATABASE_URL, databaseSchema: ns.schema, prefix: ns.prefix }]);
}
