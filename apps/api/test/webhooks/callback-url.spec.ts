/**
 * `callback_url` on analyze requests: the job's final event only, once, through the webhook
 * machinery, signed with the requesting user's callback signing secret.
 */
import type { Job } from '@atelier/contracts';
import { expectProblem, expectStatus, sleep, useAccessServer, type Caller } from '../access/access-harness';
import { WEBHOOK_TEST_ENV, WebhookReceiver, verified } from './webhook-harness';

jest.setTimeout(60_000);

describe('callback_url', () => {
  const suite = useAccessServer(WEBHOOK_TEST_ENV);
  let receiver: WebhookReceiver;
  let member: Caller;
  let secret: string;
  beforeEach(async () => {
    receiver = await WebhookReceiver.start('/callback');
    member = (await (await suite.admin.createUser('member')).createKey()).caller;
    secret = (await member.get('/api/webhooks/callback-secret')).body.secret;
  });
  afterEach(() => receiver.close());

  it("delivers an analysis's final event once, signed with the user's callback secret", async () => {
    const job = await member.submit({ fields: { callback_url: receiver.url } });
    expect(job.metadata).toMatchObject({ callback_url: receiver.url });
    const [got] = await receiver.waitFor('the callback', (r) => r.length === 1);
    expect(verified(secret, got)).toMatchObject({ type: 'job.completed', data: { job_id: job.job_id, status: 'completed' } });
    // Only the final event, only once (the sweep behind the live path finds it recorded).
    await sleep(12_500);
    expect(receiver.received).toHaveLength(1);
    // A callback is not a subscription.
    expect((await member.get('/api/webhooks')).body.webhooks).toEqual([]);
  });

  it('calls back once for a comprehensive analysis: for the parent, not for each child', async () => {
    const parent = await member.submit({ analyzer: 'comprehensive', fields: { analyzers: 'hair-color,makeup', callback_url: receiver.url } });
    await member.waitForJob(parent.job_id);
    const [got] = await receiver.waitFor('the callback', (r) => r.length === 1);
    const payload = verified(secret, got);
    expect(payload.data).toMatchObject({ job_id: parent.job_id, type: 'comprehensive_analyze', status: 'completed' });
    expect((payload.data as Job).child_ids).toHaveLength(2);
  });

  it('calls back a cancelled job with job.cancelled', async () => {
    expectStatus(await suite.admin.post('/api/queues/analyze/pause'), 200);
    try {
      const job = await member.submit({ fields: { callback_url: receiver.url } });
      expectStatus(await member.post(`/api/jobs/${job.job_id}/cancel`), 200);
      const [got] = await receiver.waitFor('the callback', (r) => r.length === 1);
      expect(verified(secret, got)).toMatchObject({ type: 'job.cancelled', data: { job_id: job.job_id } });
    } finally {
      expectStatus(await suite.admin.post('/api/queues/analyze/resume'), 200);
    }
  });

  it('refuses a callback_url that is too long, before creating anything', async () => {
    const answer = await member.analyze({ fields: { callback_url: `${receiver.url}?${'a'.repeat(2100)}` } });
    expectProblem(answer, 400);
    expect(answer.body.detail).toMatch(/longer than 2048 characters/);
    expect(await member.jobIds()).toEqual([]);
  });
});
