/**
 * Webhooks over real HTTP against the built server (embedded, SQLite): subscriptions, Standard
 * Webhooks signatures checked by the reference implementation in a real receiver, retries with
 * backoff under one webhook-id, the delivery log, redelivery and secret rotation.
 */
import type { Job, WebhookPayload } from '@atelier/contracts';
import { expectProblem, expectStatus, sleep, useAccessServer, type Caller } from '../access/access-harness';
import { WEBHOOK_TEST_ENV, WebhookReceiver, createWebhook, deliveriesOf, deliveryOf, verified } from './webhook-harness';

jest.setTimeout(60_000);

describe('webhooks', () => {
  const suite = useAccessServer(WEBHOOK_TEST_ENV);
  let receiver: WebhookReceiver;
  let member: Caller;
  beforeEach(async () => {
    receiver = await WebhookReceiver.start();
    member = (await (await suite.admin.createUser('member')).createKey()).caller;
  });
  afterEach(() => receiver.close());

  it('delivers a job end signed per Standard Webhooks, logged with its response code and latency', async () => {
    const webhook = await createWebhook(member, receiver.url, ['job.completed']);
    expect(webhook).toMatchObject({ url: receiver.url, events: ['job.completed'], enabled: true, owner: member.id });
    expect(webhook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);

    const job = await member.submit();
    await member.waitForJob(job.job_id);
    const [got] = await receiver.waitFor('the delivery', (r) => r.length === 1);
    const payload = verified(webhook.secret, got);
    expect(payload).toMatchObject({ type: 'job.completed', data: { job_id: job.job_id, status: 'completed' } });
    expect(payload.timestamp).toBe((payload.data as Job).finished_at);
    expect(got.headers['content-type']).toBe('application/json');
    expect(Math.abs(Number(got.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(30);

    const delivery = await deliveryOf(member, webhook.webhook_id, job.job_id);
    expect(delivery).toMatchObject({ delivery_id: got.headers['webhook-id'], event: 'job.completed', status: 'succeeded', attempts: 1, response_code: 200, next_attempt_at: null });
    expect(delivery.latency_ms).toEqual(expect.any(Number));
    // The secret is shown once: never again in a read.
    expect((await member.get(`/api/webhooks/${webhook.webhook_id}`)).body.secret).toBeUndefined();
    expect((await member.get('/api/webhooks')).body.webhooks.map((w: { secret?: string }) => w.secret)).toEqual([undefined]);
  });

  it('retries a receiver that fails 3 times with growing backoff, under one webhook-id, then logs the success', async () => {
    const webhook = await createWebhook(member, receiver.url, ['job.completed']);
    receiver.respond = (_, i) => (i < 3 ? 503 : 200);
    const job = await member.submit();
    const attempts = await receiver.waitFor('4 attempts', (r) => r.length === 4);
    expect(new Set(attempts.map((a) => a.headers['webhook-id'])).size).toBe(1);
    for (const a of attempts) expect(verified(webhook.secret, a).data.job_id).toBe(job.job_id);
    // JOB_RETRY_BASE_DELAY_MS=200: waits of 200·2^(n-1) ms, each between 0.5× and 1.5× of that.
    const gaps = attempts.slice(1).map((a, i) => a.at - attempts[i].at);
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(0.5 * 200 * 2 ** i - 20));
    expect(gaps[2]).toBeGreaterThan(gaps[0]);

    const delivery = await deliveryOf(member, webhook.webhook_id, job.job_id);
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 4, response_code: 200, last_error: null });
    const deliveryJob = await suite.admin.job(delivery.delivery_job_id!);
    expect(deliveryJob).toMatchObject({ type: 'deliver_webhook', status: 'completed', attempts: 4, owner: null });
    const timeline = await suite.admin.get(`/api/jobs/${deliveryJob.job_id}/events`);
    expect(timeline.body.events.filter((e: { kind: string }) => e.kind === 'attempt_failed')).toHaveLength(3);
    // Deliveries are system jobs: a member does not see them.
    expectProblem(await member.get(`/api/jobs/${deliveryJob.job_id}`), 404);
  });

  it('shows a pending delivery with its last failure and next attempt while it waits', async () => {
    const webhook = await createWebhook(member, receiver.url, ['job.completed']);
    let fail = true;
    receiver.respond = () => (fail ? 500 : 200);
    const job = await member.submit();
    const pending = await deliveryOf(member, webhook.webhook_id, job.job_id, (d) => d.attempts >= 1 && d.next_attempt_at !== null);
    expect(pending).toMatchObject({ status: 'pending', response_code: 500, last_error: 'The receiver answered 500' });
    fail = false;
    expect(await deliveryOf(member, webhook.webhook_id, job.job_id)).toMatchObject({ status: 'succeeded', response_code: 200 });
  });

  it('stops at 410 Gone: the delivery fails after one attempt', async () => {
    const webhook = await createWebhook(member, receiver.url, ['job.completed']);
    receiver.respond = () => 410;
    const job = await member.submit();
    const delivery = await deliveryOf(member, webhook.webhook_id, job.job_id);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1, response_code: 410 });
    expect(receiver.received).toHaveLength(1);
  });

  it('sends only the events subscribed to', async () => {
    await createWebhook(member, receiver.url, ['job.cancelled']);
    const done = await member.submit();
    await member.waitForJob(done.job_id);
    // Held in a paused queue, so that the cancel surely comes before the end.
    expectStatus(await suite.admin.post('/api/queues/analyze/pause'), 200);
    const cancelled = await member.submit();
    expectStatus(await member.post(`/api/jobs/${cancelled.job_id}/cancel`), 200);
    expectStatus(await suite.admin.post('/api/queues/analyze/resume'), 200);
    await receiver.waitFor('the cancellation', (r) => r.length >= 1);
    expect(receiver.received.map((r) => (JSON.parse(r.body) as WebhookPayload).type)).toEqual(['job.cancelled']);
    expect(receiver.of(done.job_id)).toEqual([]);
  });

  it('redelivers a delivery under the same webhook-id; of 20 concurrent redeliveries one runs', async () => {
    const webhook = await createWebhook(member, receiver.url, ['job.completed']);
    const job = await member.submit();
    const first = await deliveryOf(member, webhook.webhook_id, job.job_id);
    const path = `/api/webhooks/${webhook.webhook_id}/deliveries/${first.delivery_id}/redeliver`;

    // A slow receiver keeps the winning series running while the other requests arrive.
    receiver.respond = async () => {
      await sleep(1500);
      return 200;
    };
    const answers = await Promise.all(Array.from({ length: 20 }, () => member.post(path)));
    const accepted = answers.filter((a) => a.status === 202);
    expect(accepted).toHaveLength(1);
    for (const a of answers.filter((x) => x.status !== 202)) expectProblem(a, 409, 'delivery_in_progress');
    expect(accepted[0].body).toMatchObject({ delivery_id: first.delivery_id, status: 'pending' });
    expect(accepted[0].body.delivery_job_id).not.toBe(first.delivery_job_id);

    await receiver.waitFor('the redelivery', (r) => r.length === 2);
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual([first.delivery_id, first.delivery_id]);
    expect(verified(webhook.secret, receiver.received[1]).data.job_id).toBe(job.job_id);
    expect(await deliveryOf(member, webhook.webhook_id, job.job_id, (d) => d.attempts === 2 && d.status === 'succeeded')).toBeTruthy();
    expectStatus(await member.get('/api/health'), 200);
  });

  it('rotates the secret: shown once, and later deliveries verify with the new one only', async () => {
    const webhook = await createWebhook(member, receiver.url, ['job.completed']);
    const rotated = await member.post(`/api/webhooks/${webhook.webhook_id}/rotate-secret`);
    expectStatus(rotated, 200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(webhook.secret);
    const job = await member.submit();
    const [got] = await receiver.waitFor('the delivery', (r) => r.length === 1);
    expect(verified(rotated.body.secret, got).data.job_id).toBe(job.job_id);
    expect(() => verified(webhook.secret, got)).toThrow();
  });

  it('updates a webhook: a disabled one gets no deliveries; a bad PATCH changes nothing', async () => {
    const webhook = await createWebhook(member, receiver.url, ['job.completed']);
    const path = `/api/webhooks/${webhook.webhook_id}`;
    expectProblem(await member.patch(path, { url: 'ftp://example.com', enabled: false }), 400);
    expect((await member.get(path)).body).toMatchObject({ enabled: true, url: receiver.url });
    const patched = await member.patch(path, { enabled: false, description: 'paused', events: ['job.completed', 'job.completed'] });
    expectStatus(patched, 200);
    expect(patched.body).toMatchObject({ enabled: false, description: 'paused', events: ['job.completed'] });
    const job = await member.submit();
    await member.waitForJob(job.job_id);
    // The sweep behind the live path reads ends 10 s old every 2 s: past it, nothing was sent.
    await new Promise((resolve) => setTimeout(resolve, 13_000));
    expect(receiver.received).toEqual([]);
  });

  it.each([
    ['a URL that is not http(s)', { url: 'ftp://example.com/hook', events: ['job.completed'] }, /must use http:\/\/ or https:\/\//],
    ['a URL that is not a URL', { url: 'not a url', events: ['job.completed'] }, /not a valid URL/],
    ['no url', { events: ['job.completed'] }, /url must be an absolute/],
    ['unknown events', { url: 'http://127.0.0.1:9/x', events: ['job.completed', 'job.exploded'] }, /allowed: job\.completed, job\.failed, job\.cancelled/],
    ['no events', { url: 'http://127.0.0.1:9/x', events: [] }, /events must list one or more of/],
    ['too many events', { url: 'http://127.0.0.1:9/x', events: ['job.completed', 'job.failed', 'job.cancelled', 'job.completed'] }, /at most 3 names/],
    ['an unknown field', { url: 'http://127.0.0.1:9/x', events: ['job.completed'], secret: 'mine' }, /secret should not exist/],
    ['a long description', { url: 'http://127.0.0.1:9/x', events: ['job.completed'], description: 'x'.repeat(501) }, /at most 500 characters/],
  ])('refuses %s with a 400 a person can act on, and creates nothing', async (_, body, message) => {
    const answer = await member.post('/api/webhooks', body);
    expectProblem(answer, 400);
    expect(answer.body.detail).toMatch(message);
    expect((await member.get('/api/webhooks')).body.webhooks).toEqual([]);
  });

  it('answers 404 for unknown webhooks and deliveries', async () => {
    expectProblem(await member.get('/api/webhooks/nope'), 404);
    const webhook = await createWebhook(member, receiver.url);
    expectProblem(await member.post(`/api/webhooks/${webhook.webhook_id}/deliveries/nope/redeliver`), 404);
    expectStatus(await member.delete(`/api/webhooks/${webhook.webhook_id}`), 204);
    expectProblem(await member.delete(`/api/webhooks/${webhook.webhook_id}`), 404);
    expect(await deliveriesOf(suite.admin, webhook.webhook_id).catch((err: Error) => err.message)).toMatch(/expected 200, got 404/);
  });
});
