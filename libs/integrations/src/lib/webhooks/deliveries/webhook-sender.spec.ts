import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { newWebhookSecret } from '../webhook-signature';
import { WebhookTargetGuard } from '../targets/webhook-target-guard';
import { WebhookSender } from './webhook-sender';

describe('WebhookSender (a real HTTP receiver)', () => {
  let server: http.Server;
  let base: string;
  let answer: (res: http.ServerResponse) => void;
  const seen: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c)).on('end', () => {
        seen.push({ headers: req.headers, body });
        answer(res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => (seen.length = 0));

  const secret = newWebhookSecret();
  const sender = new WebhookSender(new WebhookTargetGuard(true), 300);
  const send = (path = '/hook', s = sender) => s.send({ url: `${base}${path}`, secret }, 'msg_1', '{"a":1}', new AbortController().signal);

  it('POSTs the body signed, and reports the 2xx with its latency', async () => {
    answer = (res) => res.writeHead(204).end();
    expect(await send()).toMatchObject({ ok: true, status: 204, error: null, latencyMs: expect.any(Number) });
    expect(new Webhook(secret).verify(seen[0].body, seen[0].headers as Record<string, string>)).toEqual({ a: 1 });
    expect(seen[0].headers['webhook-id']).toBe('msg_1');
  });

  it('reports a failure: retryable for 5xx, not for 410 Gone; a redirect is not followed', async () => {
    answer = (res) => res.writeHead(503).end();
    expect(await send()).toMatchObject({ ok: false, status: 503, retryable: true, error: 'The receiver answered 503' });
    answer = (res) => res.writeHead(410).end();
    expect(await send()).toMatchObject({ ok: false, status: 410, retryable: false });
    answer = (res) => res.writeHead(302, { location: '/elsewhere' }).end();
    expect(await send()).toMatchObject({ ok: false, status: 302, retryable: true, error: expect.stringContaining('redirects are not followed') });
    expect(seen.map((s) => s.headers.host)).toHaveLength(3);
  });

  it('gives up on a receiver that does not answer in time, and on one that refuses the connection', async () => {
    answer = () => undefined; // never answers
    expect(await send()).toMatchObject({ ok: false, status: null, retryable: true, error: expect.stringContaining('No answer within 0.3 s') });
    const closed = new WebhookSender(new WebhookTargetGuard(true), 300);
    expect(await closed.send({ url: 'http://127.0.0.1:1/', secret }, 'm', '{}', new AbortController().signal)).toMatchObject({
      ok: false,
      status: null,
      retryable: true,
      error: 'The receiver refused the connection',
    });
  });

  it('refuses a private target at send time when private networks are not allowed, without retrying', async () => {
    answer = (res) => res.writeHead(200).end();
    const strict = new WebhookSender(new WebhookTargetGuard(false), 300);
    expect(await send('/hook', strict)).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('loopback') });
    const byName = await strict.send({ url: `${base.replace('127.0.0.1', 'localhost')}/hook`, secret }, 'm', '{}', new AbortController().signal);
    expect(byName).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('WEBHOOK_ALLOW_PRIVATE_NETWORKS') });
    expect(seen).toEqual([]);
  });
});
