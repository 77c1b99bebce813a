/** What the webhook tests share: a real node:http receiver that checks signatures with `standardwebhooks`, and API helpers. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import type { WebhookDelivery, WebhookPayload, WebhookWithSecret } from '@atelier/contracts';
import { expectStatus, until, type Caller } from '../access/access-harness';

export interface Received {
  /** The path it was sent to. */
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
  /** The status this receiver answered. */
  answered: number;
}

/** Answers each delivery with a status; may be changed while a test runs. */
export type Responder = (request: Received, index: number) => number | Promise<number>;

/** A webhook receiver on 127.0.0.1, as an integration would run one. */
export class WebhookReceiver {
  readonly received: Received[] = [];
  respond: Responder = () => 200;
  private readonly server = http.createServer((req, res) => this.handle(req, res));

  static async start(path = '/hook'): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver(path);
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  private constructor(private readonly path: string) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${this.path}`;
  }

  /** The deliveries of one job (and event). */
  of(jobId: string, event?: string): Received[] {
    return this.received.filter((r) => {
      const payload = JSON.parse(r.body) as WebhookPayload;
      return payload.data.job_id === jobId && (!event || payload.type === event);
    });
  }

  async waitFor(what: string, check: (received: Received[]) => boolean, ms = 30_000): Promise<Received[]> {
    await until(what, async () => check(this.received), ms);
    return this.received;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const received: Received = { path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now(), answered: 0 };
      const index = this.received.length;
      this.received.push(received);
      received.answered = await this.respond(received, index);
      res.writeHead(received.answered, { 'content-type': 'text/plain' }).end('ok');
    });
  }
}

/** Verifies a delivery with the reference implementation; answers its payload (throws when the signature is wrong). */
export function verified(secret: string, received: Received): WebhookPayload {
  const { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature } = received.headers as Record<string, string>;
  return new StandardWebhook(secret).verify(received.body, { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature }) as WebhookPayload;
}

export async function createWebhook(caller: Caller, url: string, events: string[] = ['job.completed', 'job.failed', 'job.cancelled']): Promise<WebhookWithSecret> {
  const answer = await caller.post('/api/webhooks', { url, events, description: 'test receiver' });
  expectStatus(answer, 201);
  return answer.body as WebhookWithSecret;
}

export async function deliveriesOf(caller: Caller, webhookId: string): Promise<WebhookDelivery[]> {
  const answer = await caller.get(`/api/webhooks/${webhookId}/deliveries?limit=200`);
  expectStatus(answer, 200);
  return answer.body.deliveries as WebhookDelivery[];
}

/** Waits until the delivery of one job's event satisfies `done`. */
export async function deliveryOf(caller: Caller, webhookId: string, jobId: string, done: (d: WebhookDelivery) => boolean = (d) => d.status !== 'pending', ms = 30_000): Promise<WebhookDelivery> {
  return until(`delivery of job ${jobId}`, async () => (await deliveriesOf(caller, webhookId)).find((d) => d.job_id === jobId && done(d)), ms);
}

/** Receivers and servers on 127.0.0.1 need private networks allowed; retries a little faster than by default. */
export const WEBHOOK_TEST_ENV = { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', JOB_RETRY_BASE_DELAY_MS: '200' };
