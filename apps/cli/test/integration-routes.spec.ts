/**
 * The requests of analyze, batch and webhooks, checked field by field by a small real HTTP server that answers as
 * docs/api.md ("Integrations") says: what the CLI sends and how it reports each answer, fast and without a server
 * build (cli.e2e.spec.ts runs the same commands against the real server).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ExitCode } from '../src/exit-codes';
import { runInProcess, temporaryHome } from './cli-harness';
import { aJob } from './jobs';

const KEY = 'atelier_contract_key';

interface Received {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  form?: FormData;
  json?: unknown;
}

/** The contract's answers, and every request the CLI sent. */
class ContractServer {
  readonly received: Received[] = [];
  private readonly webhooks = new Map<string, { webhook_id: string; url: string; events: string[]; description: string | null }>();
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => this.send(res, 500, { title: 'Internal Server Error', detail: String(err) }));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const path = new URL(req.url ?? '/', this.url).pathname;
    const received: Received = { method: req.method ?? 'GET', path, headers: req.headers };
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('multipart/form-data')) received.form = await new Request(`${this.url}${path}`, { method: 'POST', headers: { 'content-type': type }, body }).formData();
    if (type.startsWith('application/json')) received.json = JSON.parse(body.toString());
    this.received.push(received);

    if (req.headers.authorization !== `Bearer ${KEY}`) return this.send(res, 401, { title: 'Unauthorized', detail: 'Send an API key.' });
    if (received.method === 'POST' && path === '/api/batches') return this.batch(res, received.form!);
    if (received.method === 'POST' && /^\/api\/analyzers\/[^/]+\/analyze$/.test(path)) {
      const job = aJob({ metadata: { file_name: (received.form!.get('image') as File).name } });
      return this.send(res, 202, { job_id: job.job_id, status: 'queued', job });
    }
    if (received.method === 'GET' && path === '/api/webhooks') return this.send(res, 200, { webhooks: [...this.webhooks.values()] });
    if (received.method === 'POST' && path === '/api/webhooks') {
      const { url, events, description } = received.json as { url: string; events: string[]; description?: string };
      if (url.includes('127.0.0.1')) return this.send(res, 400, { title: 'Bad Request', detail: 'Webhook targets on loopback addresses are refused.', errors: [{ field: 'url', message: 'resolves to a loopback address' }] });
      const webhook = { webhook_id: `wh-${this.webhooks.size + 1}`, url, events, description: description ?? null };
      this.webhooks.set(webhook.webhook_id, webhook);
      return this.send(res, 201, { ...webhook, secret: 'whsec_c2VjcmV0IHNob3duIG9uY2U=', created_at: new Date().toISOString() });
    }
    const match = /^\/api\/webhooks\/([^/]+)$/.exec(path);
    if (received.method === 'DELETE' && match) {
      if (!this.webhooks.delete(match[1])) return this.send(res, 404, { title: 'Not Found', detail: `No webhook with id "${match[1]}".` });
      res.writeHead(204).end();
      return;
    }
    this.send(res, 404, { title: 'Not Found', detail: `No route ${received.method} ${path}.` });
  }

  private batch(res: ServerResponse, form: FormData): void {
    const images = form.getAll('images') as File[];
    const bad = images.find((image) => image.name.startsWith('broken'));
    if (bad) return this.send(res, 415, { title: 'Unsupported Media Type', detail: `"${bad.name}" is not a JPEG, PNG, WebP or GIF image.` });
    const job = aJob({ type: 'batch', title: `Batch (0/${images.length})`, child_ids: images.map((_, i) => `child-${i}`) });
    this.send(res, 202, { job_id: job.job_id, job });
  }

  private send(res: ServerResponse, status: number, body: object): void {
    const problem = status >= 400;
    res.writeHead(status, { 'content-type': problem ? 'application/problem+json' : 'application/json' });
    res.end(JSON.stringify(problem ? { type: 'about:blank', status, instance: '', ...body } : body));
  }
}

describe('batch and webhooks, per the contract', () => {
  const server = new ContractServer();
  let home: ReturnType<typeof temporaryHome>;
  beforeAll(() => server.start());
  afterAll(() => server.stop());
  beforeEach(() => {
    home = temporaryHome();
    server.received.length = 0;
  });
  afterEach(() => home.cleanup());

  const run = (...args: string[]) => runInProcess(args, { home: home.dir, env: { ATELIER_URL: server.url, ATELIER_API_KEY: KEY } });

  /** A folder of image files (content does not matter to this server) and one that is not an image. */
  function folder(names: string[]): string {
    const dir = join(home.dir, 'shoot');
    for (const name of names) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), `image ${name}`);
    }
    return dir;
  }

  it('analyze sends each file under its own name with the options as form fields, and a key per file', async () => {
    const dir = folder(['a.jpg', 'b.png']);
    const files = [join(dir, 'a.jpg'), join(dir, 'b.png')];
    const { code } = await run('analyze', ...files, '-a', 'makeup', '--priority', '-2', '--preset-name', 'Spring', '--callback-url', 'https://example.com/cb', '--idempotency-key', 'k7');
    expect(code).toBe(ExitCode.Ok);
    expect(server.received.map((r) => [r.path, r.headers['idempotency-key'], (r.form!.get('image') as File).name])).toEqual([
      ['/api/analyzers/makeup/analyze', 'k7-1', 'a.jpg'],
      ['/api/analyzers/makeup/analyze', 'k7-2', 'b.png'],
    ]);
    const form = server.received[0].form!;
    expect({ priority: form.get('priority'), preset_name: form.get('preset_name'), callback_url: form.get('callback_url'), analyzers: form.get('analyzers') }).toEqual({
      priority: '-2',
      preset_name: 'Spring',
      callback_url: 'https://example.com/cb',
      analyzers: null,
    });
  });

  it('analyze with several analyzers asks for one comprehensive analysis of them', async () => {
    const file = join(folder(['a.jpg']), 'a.jpg');
    expect((await run('analyze', file, '-a', 'makeup,hair-color', '-a', 'outfit')).code).toBe(ExitCode.Ok);
    expect(server.received[0].path).toBe('/api/analyzers/comprehensive/analyze');
    expect(server.received[0].form!.get('analyzers')).toBe('makeup,hair-color,outfit');
  });

  it('sends every image of the folder in one POST /api/batches, with the options as form fields', async () => {
    const dir = folder(['b.png', 'a.jpg', 'notes.txt', '.hidden.png', 'sub/c.webp']);
    const { code, stdout } = await run('batch', dir, '--analyzer', 'hair-color,makeup', '--priority', '3', '--callback-url', 'https://example.com/cb', '--idempotency-key', 'shoot-1', '--json');
    expect(code).toBe(ExitCode.Ok);
    const [request] = server.received;
    expect(request).toMatchObject({ method: 'POST', path: '/api/batches' });
    expect(request.headers['idempotency-key']).toBe('shoot-1');
    expect((request.form!.getAll('images') as File[]).map((f) => f.name)).toEqual(['a.jpg', 'b.png']);
    expect(request.form!.get('analyzers')).toBe('hair-color,makeup');
    expect(request.form!.get('priority')).toBe('3');
    expect(request.form!.get('callback_url')).toBe('https://example.com/cb');
    const answer = JSON.parse(stdout);
    expect(answer).toMatchObject({ job: { type: 'batch' }, files: [join(dir, 'a.jpg'), join(dir, 'b.png')] });
  });

  it('takes sub-folders with --recursive', async () => {
    const dir = folder(['a.jpg', 'sub/c.webp']);
    expect((await run('batch', dir, '--recursive')).code).toBe(ExitCode.Ok);
    expect((server.received[0].form!.getAll('images') as File[]).map((f) => f.name)).toEqual(['a.jpg', 'c.webp']);
  });

  it('sends nothing for a folder without images', async () => {
    const dir = folder(['notes.txt']);
    const { code, stderr } = await run('batch', dir);
    expect(code).toBe(ExitCode.Usage);
    expect(stderr).toContain(`No image files (.jpg .jpeg .png .webp .gif) in ${dir} (sub-folders need --recursive).`);
    expect(server.received).toEqual([]);
  });

  it("prints the server's refusal of a bad file, and exits 6", async () => {
    const dir = folder(['a.jpg', 'broken.png']);
    const { code, stderr } = await run('batch', dir);
    expect(code).toBe(ExitCode.Rejected);
    expect(stderr).toContain('error: Unsupported Media Type: "broken.png" is not a JPEG, PNG, WebP or GIF image.');
  });

  it('adds a webhook and prints its secret once, with a warning on stderr', async () => {
    const { code, stdout, stderr } = await run('webhooks', 'add', 'https://example.com/hooks', '--events', 'job.completed,job.failed', '--description', 'CI');
    expect(code).toBe(ExitCode.Ok);
    expect(server.received[0].json).toEqual({ url: 'https://example.com/hooks', events: ['job.completed', 'job.failed'], description: 'CI' });
    expect(stdout).toMatch(/Secret: +whsec_c2VjcmV0IHNob3duIG9uY2U=/);
    expect(stderr).toContain('The secret is shown only this once');
  });

  it('keeps stdout to one JSON document with --json (the warning still on stderr)', async () => {
    const { stdout, stderr } = await run('webhooks', 'add', 'https://example.com/json', '-e', 'job.completed', '--json');
    expect(JSON.parse(stdout)).toMatchObject({ url: 'https://example.com/json', secret: expect.any(String) });
    expect(stderr).toContain('shown only this once');
  });

  it('lists and removes webhooks; an unknown one is 4', async () => {
    await run('webhooks', 'add', 'https://example.com/ls', '-e', 'job.failed');
    const listed = await run('webhooks', 'ls');
    expect(listed.stdout).toMatch(/WEBHOOK +URL +EVENTS +DESCRIPTION/);
    expect(listed.stdout).toMatch(/wh-\d+ +https:\/\/example\.com\/ls +job\.failed/);
    const id = /(wh-\d+) +https:\/\/example\.com\/ls/.exec(listed.stdout)![1];
    expect(await run('webhooks', 'rm', id)).toMatchObject({ code: ExitCode.Ok, stdout: `Deleted webhook ${id}.\n` });
    const again = await run('webhooks', 'rm', id);
    expect(again.code).toBe(ExitCode.NotFound);
    expect(again.stderr).toContain(`Not Found: No webhook with id "${id}".`);
  });

  it("prints a refused webhook's title, detail and field, and exits 6", async () => {
    const { code, stderr } = await run('webhooks', 'add', 'http://127.0.0.1:8080/hook', '-e', 'job.completed');
    expect(code).toBe(ExitCode.Rejected);
    expect(stderr).toContain('error: Bad Request: Webhook targets on loopback addresses are refused.');
    expect(stderr).toContain('url: resolves to a loopback address');
  });

  it('exits 3 when the server refuses the key', async () => {
    const { code, stderr } = await runInProcess(['webhooks', 'ls'], { home: home.dir, env: { ATELIER_URL: server.url, ATELIER_API_KEY: 'atelier_wrong' } });
    expect(code).toBe(ExitCode.Auth);
    expect(stderr).toContain('Unauthorized: Send an API key.');
  });
});
