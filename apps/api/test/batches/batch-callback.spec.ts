/**
 * `callback_url` on a batch: the batch's final event, once, signed with the requesting user's
 * callback secret; none for its children; a target that may not be called is refused first.
 */
import type { Job } from '@atelier/contracts';
import { expectProblem, expectStatus, sleep, useAccessServer, type Caller } from '../access/access-harness';
import { WEBHOOK_TEST_ENV, WebhookReceiver, verified } from '../webhooks/webhook-harness';
import { batchForm } from './batch-support';

jest.setTimeout(60_000);


describe('callback_url on a batch', () => {
  const suite = useAccessServer(WEBHOOK_TEST_ENV);
  let receiver: WebhookReceiver;
  let member: Caller;
  beforeEach(async () => {
    receiver = await WebhookReceiver.start('/callback');
    member = (await (await suite.admin.createUser('member')).createKey()).caller;
  });
  afterEach(() => receiver.close());

  const post = async (count: number, fields: Record<string, string>) => {
    const form = await batchForm(count, fields);
    return member.call('POST', '/api/batches', { body: form.body, contentType: form.contentType });
  };

  it("delivers the batch's final event once, and nothing for its children", async () => {
    const secret = (await member.get('/api/webhooks/callback-secret')).body.secret as string;
    const answer = await post(4, { analyzers: 'makeup', callback_url: receiver.url });
    expectStatus(answer, 202);
    const batch = answer.body.job as Job;
    expect(batch.metadata).toMatchObject({ callback_url: receiver.url });
    const [got] = await receiver.waitFor('the callback', (r) => r.length === 1);
    expect(verified(secret, got)).toMatchObject({ type: 'job.completed', data: { job_id: batch.job_id, type: 'batch', title: 'Batch (4/4)' } });
    await sleep(3000);
    expect(receiver.received).toHaveLength(1);
  });

  it('refuses a callback_url that may not be called before anything is created', async () => {
    const answer = await post(2, { analyzers: 'makeup', callback_url: 'ftp://example.com/x' });
    expectProblem(answer, 400);
    expect(await member.jobIds()).toEqual([]);
  });
});
