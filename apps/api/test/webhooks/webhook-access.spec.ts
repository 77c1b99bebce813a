/**
 * Who manages which webhook, and whose job events it receives: a member manages its own webhooks
 * and hears of its own jobs only; an admin manages every webhook and hears of every job. Another
 * member's webhook is as if it did not exist (404). API keys work like sessions.
 */
import type { Webhook } from '@atelier/contracts';
import { expectProblem, expectStatus, until, useAccessServer, type Caller } from '../access/access-harness';
import { WEBHOOK_TEST_ENV, WebhookReceiver, createWebhook, deliveriesOf } from './webhook-harness';

jest.setTimeout(60_000);

describe('webhook access', () => {
  const suite = useAccessServer(WEBHOOK_TEST_ENV);
  let alice: Caller;
  let bob: Caller;
  let aliceHook: WebhookReceiver;
  let adminHook: WebhookReceiver;
  beforeAll(async () => {
    alice = (await (await suite.admin.createUser('member', 'Alice')).createKey()).caller;
    bob = await suite.admin.createUser('member', 'Bob');
    aliceHook = await WebhookReceiver.start();
    adminHook = await WebhookReceiver.start();
  });
  afterAll(async () => {
    await aliceHook.close();
    await adminHook.close();
  });

  it("another member can neither see nor change a member's webhook (404), nor its log", async () => {
    const webhook = await createWebhook(alice, aliceHook.url);
    const path = `/api/webhooks/${webhook.webhook_id}`;
    expectProblem(await bob.get(path), 404);
    expectProblem(await bob.patch(path, { enabled: false }), 404);
    expectProblem(await bob.post(`${path}/rotate-secret`), 404);
    expectProblem(await bob.get(`${path}/deliveries`), 404);
    expectProblem(await bob.delete(path), 404);
    expect((await bob.get('/api/webhooks')).body.webhooks).toEqual([]);
    expect((await alice.get(path)).body).toMatchObject({ enabled: true, owner: alice.id });
    // An admin manages every webhook.
    expect((await suite.admin.get('/api/webhooks')).body.webhooks.map((w: Webhook) => w.webhook_id)).toContain(webhook.webhook_id);
    expectStatus(await suite.admin.get(path), 200);
    expectStatus(await suite.admin.delete(path), 204);
    expectProblem(await alice.get(path), 404);
  });

  it("a member's webhook hears of its own jobs only; an admin's of everyone's", async () => {
    const mine = await createWebhook(alice, aliceHook.url, ['job.completed']);
    const all = await createWebhook(suite.admin, adminHook.url, ['job.completed']);
    const [ofAlice, ofBob] = [await alice.submit(), await bob.submit()];
    await adminHook.waitFor('both jobs at the admin', () => adminHook.of(ofAlice.job_id).length === 1 && adminHook.of(ofBob.job_id).length === 1);
    await until("Alice's delivery", async () => aliceHook.of(ofAlice.job_id).length === 1);
    // Bob's job ended before Alice's delivery log is read: had it been sent, it would be logged by now.
    await until('both logged at the admin', async () => (await deliveriesOf(suite.admin, all.webhook_id)).filter((d) => d.status === 'succeeded').length >= 2);
    expect(aliceHook.of(ofBob.job_id)).toEqual([]);
    expect((await deliveriesOf(alice, mine.webhook_id)).map((d) => d.job_id)).toEqual([ofAlice.job_id]);
  });

  it('callback signing secrets are per user, and rotate', async () => {
    const a = await alice.get('/api/webhooks/callback-secret');
    expectStatus(a, 200);
    expect(a.body.secret).toMatch(/^whsec_/);
    expect((await alice.get('/api/webhooks/callback-secret')).body.secret).toBe(a.body.secret);
    expect((await bob.get('/api/webhooks/callback-secret')).body.secret).not.toBe(a.body.secret);
    const rotated = await alice.post('/api/webhooks/callback-secret/rotate');
    expectStatus(rotated, 200);
    expect(rotated.body.secret).not.toBe(a.body.secret);
    expect((await alice.get('/api/webhooks/callback-secret')).body.secret).toBe(rotated.body.secret);
  });

  it('needs a principal', async () => {
    expectProblem(await suite.server.anonymous().get('/api/webhooks'), 401, 'unauthenticated');
    expectProblem(await suite.server.anonymous().post('/api/webhooks', { url: aliceHook.url, events: ['job.completed'] }), 401);
  });
});
