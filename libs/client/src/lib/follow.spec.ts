import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAtelierClient, type Job } from './client';
import { FollowRefusedError, followJob, followStream, type JobStreamEvent } from './follow';

/** A small job factory: what the stream sends is a whole Job. */
function job(job_id: string, status: string, extra: Partial<Job> = {}): Job {
  const now = new Date().toISOString();
  return {
    job_id, type: 'analyze', status, title: job_id, progress: status === 'completed' ? 1 : 0, current_step: 0, total_steps: 1, step_label: null,
    parent_id: null, child_ids: [], priority: 0, attempts: 1, max_attempts: 3, depends_on: [], input: {}, result: null, error: null,
    metadata: {}, owner: null, created_at: now, started_at: null, finished_at: null, updated_at: now, run_at: null, worker_id: null, ...extra,
  } as Job;
}

const frame = (id: number, event: string, data: unknown) => `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/** A real HTTP server whose stream answers are scripted per connection. */
class ScriptedServer {
  readonly streams: IncomingMessage[] = [];
  readonly gets: string[] = [];
  private server!: Server;
  constructor(
    private readonly onStream: (n: number, req: IncomingMessage, res: ServerResponse) => void,
    private readonly jobs: Record<string, Job> = {},
  ) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/api/jobs/stream') {
        this.streams.push(req);
        return this.onStream(this.streams.length, req, res);
      }
      const id = /^\/api\/jobs\/([^/]+)$/.exec(url.pathname)?.[1];
      this.gets.push(url.pathname);
      if (id && this.jobs[id]) return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(this.jobs[id]));
      res.writeHead(404, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ status: 404, title: 'Not Found', detail: 'No such job' }));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const sse = (res: ServerResponse) => res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });

async function collect(events: AsyncIterable<JobStreamEvent>): Promise<JobStreamEvent[]> {
  const seen: JobStreamEvent[] = [];
  for await (const event of events) seen.push(event);
  return seen;
}

describe('followJob', () => {
  let server: ScriptedServer | undefined;
  afterEach(() => server?.stop());

  it('reconnects with Last-Event-ID after a dropped connection and ends when the parent and every child ended', async () => {
    const parent = job('p', 'running', { type: 'comprehensive_analyze', child_ids: ['c1', 'c2'] });
    server = new ScriptedServer(
      (n, _req, res) => {
        sse(res);
        if (n === 1) {
          // c2 is not in the snapshot: followJob reads it with GET /api/jobs/c2.
          res.write(`: ping\n\n${frame(1, 'snapshot', { jobs: [parent, job('c1', 'running', { parent_id: 'p' })] })}${frame(2, 'job.updated', job('c1', 'running', { progress: 0.5 }))}`);
          setTimeout(() => res.socket?.destroy(), 20);
        } else {
          res.write(frame(3, 'job.completed', job('c1', 'completed')) + frame(4, 'queue.paused', { type: 'analyze', paused: true, changed_at: '', changed_by: null }));
          res.write(frame(5, 'job.completed', job('c2', 'completed')) + frame(6, 'job.completed', { ...parent, status: 'completed' }) + frame(7, 'job.updated', job('late', 'running')));
        }
      },
      { c2: job('c2', 'running', { parent_id: 'p' }) },
    );
    const client = createAtelierClient({ baseUrl: await server.start(), apiKey: 'atelier_test' });

    const events = await collect(followJob(client, 'p', { retryMs: 10 }));

    expect(events.map((e) => `${e.id} ${e.event}`)).toEqual(['1 snapshot', '2 job.updated', '3 job.completed', '4 queue.paused', '5 job.completed', '6 job.completed']);
    const snapshot = events[0].data as { jobs: Job[] };
    expect(snapshot.jobs.map((j) => j.job_id).sort()).toEqual(['c1', 'c2', 'p']);
    expect(server.gets).toEqual(['/api/jobs/c2']);
    expect(server.streams).toHaveLength(2);
    expect(server.streams[0].headers['last-event-id']).toBeUndefined();
    expect(server.streams[1].headers['last-event-id']).toBe('2');
    expect(server.streams[1].url).toBe('/api/jobs/stream?job_id=p');
    expect(server.streams[1].headers['authorization']).toBe('Bearer atelier_test');
  });

  it('ends at once for a job that ended before the stream (not in the snapshot)', async () => {
    server = new ScriptedServer((_n, _req, res) => sse(res) && void res.write(frame(1, 'snapshot', { jobs: [] })), { old: job('old', 'failed') });
    const client = createAtelierClient({ baseUrl: await server.start() });
    const events = await collect(followJob(client, 'old'));
    expect(events).toHaveLength(1);
    expect((events[0].data as { jobs: Job[] }).jobs).toEqual([expect.objectContaining({ job_id: 'old', status: 'failed' })]);
  });

  it('fails without retrying when the stream is refused, naming the problem', async () => {
    server = new ScriptedServer((_n, _req, res) => res.writeHead(401, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ status: 401, detail: 'Send an API key' })));
    const client = createAtelierClient({ baseUrl: await server.start() });
    const failure = collect(followJob(client, 'p', { retryMs: 10 }));
    await expect(failure).rejects.toThrow(FollowRefusedError);
    await expect(failure).rejects.toThrow('GET /api/jobs/stream answered 401: Send an API key');
    expect(server.streams).toHaveLength(1);
  });

  it('retries a 503 after Retry-After, then follows', async () => {
    server = new ScriptedServer((n, _req, res) => {
      if (n === 1) return void res.writeHead(503, { 'retry-after': '1', 'content-type': 'application/problem+json' }).end('{}');
      sse(res);
      res.write(frame(1, 'snapshot', { jobs: [job('j', 'completed')] }));
    });
    const client = createAtelierClient({ baseUrl: await server.start() });
    const started = Date.now();
    expect((await collect(followJob(client, 'j', { retryMs: 10 }))).map((e) => e.event)).toEqual(['snapshot']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(server.streams).toHaveLength(2);
  });
});

describe('followStream', () => {
  let server: ScriptedServer | undefined;
  afterEach(() => server?.stop());

  it('stops without an error when its signal aborts, closing the connection', async () => {
    let closed!: () => void;
    const connectionClosed = new Promise<void>((resolve) => (closed = resolve));
    server = new ScriptedServer((_n, req, res) => {
      sse(res);
      res.write(frame(1, 'snapshot', { jobs: [] }));
      req.socket.on('close', () => closed());
    });
    const client = createAtelierClient({ baseUrl: await server.start() });
    const stop = new AbortController();
    const seen: string[] = [];
    for await (const event of followStream(client, { signal: stop.signal })) {
      seen.push(event.event);
      stop.abort();
    }
    expect(seen).toEqual(['snapshot']);
    await connectionClosed;
  });
});
