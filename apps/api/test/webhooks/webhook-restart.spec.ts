/**
 * A delivery survives a server restart between its attempts: the receiver fails the first one, the
 * server is killed (SIGKILL) while the retry waits, and the restarted server on the same DATA_DIR
 * sends the retry after its backoff, under the same webhook-id.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccessServer, type Caller } from '../access/access-harness';
import { WebhookReceiver, createWebhook, deliveryOf, verified } from './webhook-harness';

jest.setTimeout(60_000);

describe('webhook deliveries across a restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'atelier-webhooks-'));
  // A first retry 1.5–4.5 s after the failure: time to kill and restart the server in between.
  const env = { DATA_DIR: dataDir, WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', JOB_RETRY_BASE_DELAY_MS: '3000' };
  let server: AccessServer | undefined;
  let receiver: WebhookReceiver;

  afterAll(async () => {
    await server?.stop();
    await receiver?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('retries after a SIGKILL and restart, with the same webhook-id, honouring the backoff', async () => {
    receiver = await WebhookReceiver.start();
    receiver.respond = (_, i) => (i === 0 ? 500 : 200);
    // AccessServer.stop() removes a data folder it made, not one it was given.
    server = await AccessServer.start(env);
    let admin: Caller = await server.admin();
    const webhook = await createWebhook(admin, receiver.url, ['job.completed']);
    const job = await admin.submit();
    const waiting = await deliveryOf(admin, webhook.webhook_id, job.job_id, (d) => d.attempts === 1 && d.next_attempt_at !== null);
    expect(waiting).toMatchObject({ status: 'pending', response_code: 500 });

    await server.stop();
    server = await AccessServer.start(env);
    admin = await server.admin();

    const [first, second] = await receiver.waitFor('the retry', (r) => r.length === 2);
    expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(verified(webhook.secret, second)).toMatchObject({ type: 'job.completed', data: { job_id: job.job_id } });
    expect(second.at).toBeGreaterThanOrEqual(Date.parse(waiting.next_attempt_at!) - 50);
    expect(second.at - first.at).toBeGreaterThanOrEqual(1500);
    expect(await deliveryOf(admin, webhook.webhook_id, job.job_id)).toMatchObject({ status: 'succeeded', attempts: 2, response_code: 200 });
    expect(receiver.received).toHaveLength(2);
  });
});
