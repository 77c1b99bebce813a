import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { refusalOf } from './address-ranges';
import { WebhookTargetGuard, type Resolver } from './webhook-target-guard';

const resolvingTo =
  (...addresses: string[]): Resolver =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('refusalOf (address classification)', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fd00::1', 'unique-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['64:ff9b::a00:1', 'NAT64'],
  ])('refuses %s (%s)', (address, words) => {
    expect(refusalOf(address)).toContain(words);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('allows the public address %s', (address) => {
    expect(refusalOf(address)).toBeNull();
  });
});

describe('WebhookTargetGuard.check', () => {
  const guard = new WebhookTargetGuard(false, resolvingTo('93.184.216.34'));

  it.each([
    ['ftp:', 'ftp://example.com/x', /must use http:\/\/ or https:\/\//],
    ['no scheme', 'example.com/hook', /not a valid URL/],
    ['credentials', 'https://user:pw@example.com/', /user name or password/],
    ['empty', '', /absolute http/],
    ['too long', `https://example.com/${'a'.repeat(2100)}`, /longer than 2048/],
  ])('refuses a URL (%s) with a 400 naming the field', async (_, url, message) => {
    await expect(guard.check(url)).rejects.toMatchObject({ status: 400, code: 'invalid_input', message: expect.stringMatching(message), errors: [{ field: 'url' }] });
  });

  it('accepts a public https URL', async () => {
    await expect(guard.check('https://hooks.example.com/atelier')).resolves.toBeInstanceOf(URL);
  });

  it('refuses IP literals and names that resolve to private addresses, naming the variable', async () => {
    await expect(guard.check('http://127.0.0.1:8080/')).rejects.toMatchObject({ status: 400, code: 'webhook_target_forbidden' });
    await expect(guard.check('http://[::1]/')).rejects.toMatchObject({ code: 'webhook_target_forbidden' });
    const rebinding = new WebhookTargetGuard(false, resolvingTo('93.184.216.34', '10.0.0.5'));
    await expect(rebinding.check('https://mixed.example.com/')).rejects.toThrow(/10\.0\.0\.5 is a private network address \(mixed\.example\.com resolves to it\).*WEBHOOK_ALLOW_PRIVATE_NETWORKS=true/);
  });

  it('answers 400 for a host that does not resolve', async () => {
    const nowhere = new WebhookTargetGuard(false, async () => {
      throw Object.assign(new Error('nope'), { code: 'ENOTFOUND' });
    });
    await expect(nowhere.check('https://no-such-host.invalid/')).rejects.toMatchObject({ status: 400, message: expect.stringContaining('does not resolve') });
  });

  it('allows private targets when WEBHOOK_ALLOW_PRIVATE_NETWORKS is on', async () => {
    await expect(new WebhookTargetGuard(true, resolvingTo('127.0.0.1')).check('http://localhost:9/')).resolves.toBeInstanceOf(URL);
  });
});

describe('WebhookTargetGuard.connectLookup (DNS rebinding)', () => {
  let server: http.Server;
  let port: number;
  beforeAll(async () => {
    server = http.createServer((_, res) => res.end('reached'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const get = (lookup: ReturnType<WebhookTargetGuard['connectLookup']>) =>
    new Promise<string>((resolve, reject) => {
      const req = http.get({ host: 'rebound.example', port, path: '/', lookup }, (res) => {
        res.setEncoding('utf8');
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve(body));
      });
      req.on('error', reject);
    });

  it('refuses to connect when the name now resolves to a loopback address', async () => {
    const guard = new WebhookTargetGuard(false, resolvingTo('127.0.0.1'));
    await expect(get(guard.connectLookup())).rejects.toMatchObject({ code: 'webhook_target_forbidden' });
  });

  it('refuses the real resolver\'s answer for "localhost"', async () => {
    const guard = new WebhookTargetGuard(false);
    const req = new Promise((resolve, reject) => http.get({ host: 'localhost', port, lookup: guard.connectLookup() }, resolve).on('error', reject));
    await expect(req).rejects.toMatchObject({ code: 'webhook_target_forbidden' });
  });

  it('connects when private networks are allowed', async () => {
    const guard = new WebhookTargetGuard(true, resolvingTo('127.0.0.1'));
    await expect(get(guard.connectLookup())).resolves.toBe('reached');
  });
});
