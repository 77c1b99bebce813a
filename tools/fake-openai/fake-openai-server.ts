/**
 * A fake OpenAI-compatible server for integration tests: plain node:http on 127.0.0.1 and a
 * random port. Tests script its answers (valid structured output, errors with headers, invalid
 * JSON, a hang) and assert what it received. Used through the real openai SDK.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { EventEmitter, once } from 'node:events';
import { sampleFromSchema, type SampleSchema } from './schema-sample';

export type FakeBehaviour =
  /** A chat completion whose content matches the request's json_schema (the default). */
  | { kind: 'valid'; model?: string }
  /** A chat completion with this exact message content (e.g. invalid JSON). */
  | { kind: 'content'; content: string }
  /** An error answer: status, optional headers and body. */
  | { kind: 'error'; status: number; headers?: Record<string, string>; message?: string }
  /** Never answers; the connection stays open until the client gives up. */
  | { kind: 'hang' }
  /** An images API answer with a small base64 PNG (the default for /images/generations). */
  | { kind: 'image' };

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** Parsed JSON body. */
  body: ChatRequestBody;
  at: number;
  /** Resolves when the client closed the connection before an answer was sent. */
  abandoned: Promise<void>;
}

/** The parts of a chat completions request the tests look at. */
export interface ChatRequestBody {
  model?: string;
  prompt?: string;
  messages?: { role: string; content: string | { type: string; text?: string; image_url?: { url: string } }[] }[];
  response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: SampleSchema } };
  [key: string]: unknown;
}

// An 8×8 blue PNG.
const SMALL_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEUlEQVQImWMwTjuDFTEMLQkAuYZZQQ0kCIcAAAAASUVORK5CYII=';

export const FAKE_USAGE = { prompt_tokens: 812, completion_tokens: 143, total_tokens: 955 };

export class FakeOpenAiServer {
  readonly requests: ReceivedRequest[] = [];
  private readonly script: FakeBehaviour[] = [];
  private readonly bySchema = new Map<string, FakeBehaviour[]>();
  private readonly events = new EventEmitter();
  private readonly sockets = new Set<Socket>();
  private server?: Server;
  /** Behaviour when the script is empty. */
  fallback: FakeBehaviour = { kind: 'valid' };

  /** Base URL for OPENAI_BASE_URL, e.g. http://127.0.0.1:41234/v1 */
  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('FakeOpenAiServer is not started');
    return `http://127.0.0.1:${address.port}/v1`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return this;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** Queues behaviours for the next requests, in order. */
  respondWith(...behaviours: FakeBehaviour[]): this {
    this.script.push(...behaviours);
    return this;
  }

  /**
   * Queues behaviours for requests whose json_schema has this name (the analyzer, e.g.
   * "makeup"): deterministic answers for children that run in parallel. Checked before the
   * general queue.
   */
  respondToSchema(name: string, ...behaviours: FakeBehaviour[]): this {
    this.bySchema.set(name, [...(this.bySchema.get(name) ?? []), ...behaviours]);
    return this;
  }

  reset(): void {
    this.requests.length = 0;
    this.script.length = 0;
    this.bySchema.clear();
    this.fallback = { kind: 'valid' };
  }

  /** Resolves with request number `n` (1-based) once it arrived. */
  async request(n: number): Promise<ReceivedRequest> {
    while (this.requests.length < n) await once(this.events, 'request');
    return this.requests[n - 1];
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let answered = false;
    const abandoned = new Promise<void>((resolve) => res.on('close', () => !answered && resolve()));
    const body = parseJson(Buffer.concat(chunks).toString('utf8'));
    const path = (req.url ?? '/').split('?')[0];
    this.requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body, at: Date.now(), abandoned });
    this.events.emit('request');

    const isImages = path.endsWith('/images/generations');
    const schemaName = body.response_format?.json_schema?.name;
    const behaviour =
      (schemaName ? this.bySchema.get(schemaName)?.shift() : undefined) ?? this.script.shift() ?? (isImages ? { kind: 'image' as const } : this.fallback);
    if (behaviour.kind === 'hang') return;
    answered = true;
    switch (behaviour.kind) {
      case 'valid':
        return send(res, 200, completion(JSON.stringify(sampleFromSchema(body.response_format?.json_schema?.schema ?? {})), behaviour.model ?? body.model));
      case 'content':
        return send(res, 200, completion(behaviour.content, body.model));
      case 'image':
        return send(res, 200, { created: nowSeconds(), data: [{ b64_json: SMALL_PNG }] });
      case 'error':
        return send(res, behaviour.status, { error: { message: behaviour.message ?? `fake error ${behaviour.status}`, type: 'fake_error', code: null } }, behaviour.headers);
    }
  }
}

function completion(content: string, model = 'fake-model') {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: nowSeconds(),
    model,
    choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content, refusal: null } }],
    usage: FAKE_USAGE,
  };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function parseJson(text: string): ChatRequestBody {
  try {
    return text ? (JSON.parse(text) as ChatRequestBody) : {};
  } catch {
    return { unparsable: text };
  }
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
