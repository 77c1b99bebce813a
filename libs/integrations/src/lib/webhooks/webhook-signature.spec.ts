import { Webhook } from 'standardwebhooks';
import { newWebhookSecret, signatureOf, signedHeaders, signingKeyOf } from './webhook-signature';

describe('Standard Webhooks signatures', () => {
  it('makes secrets of 24 random bytes behind whsec_', () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(signingKeyOf(a)).toHaveLength(24);
    expect(newWebhookSecret()).not.toBe(a);
  });

  it('signs so that the reference implementation (standardwebhooks) verifies it', () => {
    const secret = newWebhookSecret();
    const body = JSON.stringify({ type: 'job.completed', timestamp: new Date().toISOString(), data: { job_id: 'j1' } });
    const headers = signedHeaders(secret, 'msg_1', body);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it('matches the specification example vector', () => {
    // From the Standard Webhooks specification's test vectors.
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const body = '{"test": 2432232314}';
    expect(signatureOf(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, body)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('is refused by the reference implementation when the body or the secret differ', () => {
    const secret = newWebhookSecret();
    const headers = signedHeaders(secret, 'msg_2', '{"a":1}');
    expect(() => new Webhook(secret).verify('{"a":2}', { ...headers })).toThrow();
    expect(() => new Webhook(newWebhookSecret()).verify('{"a":1}', { ...headers })).toThrow();
  });
});
