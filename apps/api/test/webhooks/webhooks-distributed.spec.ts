/**
 * Webhooks with two API nodes on PostgreSQL + Redis (BullMQ): every node hears every job end, yet
 * each end is delivered once; deleting a webhook while its deliveries run, and storms of
 * redeliveries over both nodes, leave both nodes serving.
 */
import type { Job } from '@atelier/contracts';
import { AccessServer, TEST_DATABASE_URL, TEST_REDIS_URL, dropTestNamespace, expectStatus, sleep, testNamespace, until, type Caller } from '../access/access-harness';
import { WEBHOOK_TEST_ENV, WebhookReceiver, createWebhook, deliveriesOf, deliveryOf, verified } from './webhook-harness';

jest.setTimeout(90_000);

describe('webhooks, distributed (two API nodes)', () => {
  const ns = testNamespace();
  const env = { ...WEBHOOK_TEST_ENV, DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: ns.schema, QUEUE_PREFIX: ns.prefix, REDIS_URL: TEST_REDIS_URL, RUN_WORKERS: 'true' };
  let one: AccessServer;
  let two: AccessServer;
  let admin: Caller;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    one = await AccessServer.start(env);
    two = await AccessServer.start(env);
    admin = await one.admin();
  });
  beforeEach(async () => {
    receiver = await WebhookReceiver.start();
  });
  afterEach(() => receiver.close());
  afterAll(async () => {
    await one?.stop();
    await two?.stop();
    await dropTestNamespace(ns);
  });

  it('delivers each job end once, though both nodes hear it', async () => {
    const webhook = await createWebhook(admin, receiver.url, ['job.completed']);
    const jobs = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? admin.on(two) : admin).submit()));
    await receiver.waitFor('10 deliveries', (r) => r.length >= 10);
    // Past the sweep's window (ends 10 s old, every 2 s), a duplicate would have been sent by now.
    await sleep(13_000);
    // One delivery per end: one webhook-id per job. (Delivery is at least once: a worker lost under load
    // may send an attempt again, under the same webhook-id, which receivers use to drop duplicates.)
    for (const job of jobs) {
      const got = receiver.of(job.job_id);
      expect(new Set(got.map((r) => r.headers['webhook-id'])).size).toBe(1);
      expect(verified(webhook.secret, got[0]).data.job_id).toBe(job.job_id);
    }
    const log = await deliveriesOf(admin.on(two), webhook.webhook_id);
    expect(log.map((d) => d.job_id).sort()).toEqual(jobs.map((j) => j.job_id).sort());
    expect(log.every((d) => d.status === 'succeeded')).toBe(true);
  });

  it('survives deleting a webhook while its deliveries run and fail, and redelivery storms over both nodes', async () => {
    receiver.respond = () => 503;
    const doomed = await createWebhook(admin, receiver.url, ['job.completed']);
    const kept = await createWebhook(admin, receiver.url.replace('/hook', '/kept'), ['job.completed']);
    const jobs = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? admin.on(two) : admin).submit()));
    await until("the deleted webhook's first attempts", async () => new Set(receiver.received.filter((r) => r.path === '/hook').map((r) => r.headers['webhook-id'])).size >= 3);

    const deletes = await Promise.all([admin.delete(`/api/webhooks/${doomed.webhook_id}`), admin.on(two).delete(`/api/webhooks/${doomed.webhook_id}`)]);
    expect(deletes.map((d) => d.status).sort()).toEqual([204, 404]);

    receiver.respond = () => 200;
    const delivery = await deliveryOf(admin, kept.webhook_id, jobs[0].job_id, (d) => d.status === 'succeeded');
    const path = `/api/webhooks/${kept.webhook_id}/deliveries/${delivery.delivery_id}/redeliver`;
    receiver.respond = async () => {
      await sleep(1500);
      return 200;
    };
    const storm = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? admin.on(two) : admin).post(path)));
    expect(storm.filter((a) => a.status === 202)).toHaveLength(1);
    expect(storm.every((a) => a.status === 202 || a.status === 409)).toBe(true);

    await until('the redelivery', async () => receiver.of(jobs[0].job_id).filter((r) => r.headers['webhook-id'] === delivery.delivery_id).length >= 2);
    for (const node of [one, two]) expectStatus(await admin.on(node).get('/api/health'), 200);
    // The deleted webhook's deliveries stopped: their jobs were cancelled, or sent nothing on their next attempt.
    await until("the deleted webhook's delivery jobs to end", async () => {
      const list = await admin.get('/api/jobs?type=deliver_webhook&limit=200');
      const ofDoomed = (list.body.jobs as Job[]).filter((j) => j.metadata['webhook_id'] === doomed.webhook_id);
      return ofDoomed.length >= 3 && ofDoomed.every((j) => ['cancelled', 'completed'].includes(j.status));
    });
  });
});
