/**
 * SSRF protection with the default WEBHOOK_ALLOW_PRIVATE_NETWORKS=false: webhook URLs and
 * callback_url on private, loopback, link-local and other non-public addresses answer 400
 * (webhook_target_forbidden) naming the variable, and nothing is created.
 */
import { expectProblem, useAccessServer, type Caller } from '../access/access-harness';

jest.setTimeout(60_000);

describe('webhook targets (SSRF), private networks not allowed', () => {
  const suite = useAccessServer({});
  let member: Caller;
  beforeAll(async () => {
    member = await suite.admin.createUser('member');
  });

  it.each([
    'http://127.0.0.1:8080/hook',
    'http://localhost/hook',
    'http://[::1]/hook',
    'http://10.0.0.8/hook',
    'http://192.168.1.20/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://100.64.1.1/',
    'http://0.0.0.0/',
    'http://[fd12:3456::1]/',
    'http://[fe80::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://224.0.0.1/',
  ])('refuses a webhook to %s', async (url) => {
    const answer = await member.post('/api/webhooks', { url, events: ['job.completed'] });
    expectProblem(answer, 400, 'webhook_target_forbidden');
    expect(answer.body.detail).toMatch(/WEBHOOK_ALLOW_PRIVATE_NETWORKS=true/);
    expect((await member.get('/api/webhooks')).body.webhooks).toEqual([]);
  });

  it('refuses to move a webhook to a private address', async () => {
    // A public literal is accepted without a DNS look-up (nothing is sent until a job ends).
    const created = await member.post('/api/webhooks', { url: 'https://93.184.216.34/hook', events: ['job.failed'] });
    expect(created.status).toBe(201);
    const path = `/api/webhooks/${created.body.webhook_id}`;
    expectProblem(await member.patch(path, { url: 'http://127.0.0.1/' }), 400, 'webhook_target_forbidden');
    expect((await member.get(path)).body.url).toBe('https://93.184.216.34/hook');
    expect((await member.delete(path)).status).toBe(204);
  });

  it('refuses a callback_url on a loopback name before creating any job', async () => {
    const answer = await member.analyze({ fields: { callback_url: 'http://localhost:9/cb' } });
    expectProblem(answer, 400, 'webhook_target_forbidden');
    expect(answer.body.detail).toMatch(/loopback/);
    expect(await member.jobIds()).toEqual([]);
  });

  it.each([
    ['not http(s)', 'file:///etc/passwd', /must use http:\/\/ or https:\/\//],
    ['not a URL', 'nope', /not a valid URL/],
  ])('refuses a callback_url that is %s with a 400 naming the field', async (_, url, message) => {
    const answer = await member.analyze({ fields: { callback_url: url } });
    expectProblem(answer, 400, 'invalid_input');
    expect(answer.body.errors).toEqual([{ field: 'callback_url', message: expect.stringMatching(message) }]);
    expect(await member.jobIds()).toEqual([]);
  });
});
