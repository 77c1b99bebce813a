import { parseConfig, type Principal } from '@atelier/platform';
import { PRINCIPAL_CACHE_MS, PrincipalCache, type VerifiedCredential } from './principal-cache';

const principal = (role: Principal['role'] = 'member'): Principal => ({ user_id: 'u1', email: 'a@b.c', name: 'A', role, via: 'api_key', credential_id: 'k1' });

/** A verify() whose n-th call answers `answers[n]` when the test says so (`answer(n)`). */
function verifier(...answers: (VerifiedCredential | undefined)[]) {
  const pending: ((v: VerifiedCredential | undefined) => void)[] = [];
  const fn = jest.fn(() => new Promise<VerifiedCredential | undefined>((resolve) => pending.push(resolve)));
  const answer = async (n: number) => {
    pending[n](answers[n]);
    await new Promise((r) => setImmediate(r));
  };
  return { fn, answer };
}

const forever = (p: Principal): VerifiedCredential => ({ principal: p, validUntil: Infinity });

describe('PrincipalCache', () => {
  const embedded = () => new PrincipalCache(parseConfig({}));

  afterEach(() => jest.useRealTimers());

  it('verifies a credential once, then answers from memory until its time is up', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const cache = embedded();
    const verify = jest.fn(async () => forever(principal()));
    expect(await cache.resolve('api_key', 'h', verify)).toEqual(principal());
    expect(await cache.resolve('api_key', 'h', verify)).toEqual(principal());
    expect(verify).toHaveBeenCalledTimes(1);
    jest.setSystemTime(1_000_000 + PRINCIPAL_CACHE_MS);
    await cache.resolve('api_key', 'h', verify);
    expect(verify).toHaveBeenCalledTimes(2);
  });

  it('never trusts a credential past its own expiry', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const cache = embedded();
    const verify = jest.fn(async () => ({ principal: principal(), validUntil: 1_000_000 + 10 }));
    await cache.resolve('session', 'h', verify);
    jest.setSystemTime(1_000_000 + 10);
    await cache.resolve('session', 'h', verify);
    expect(verify).toHaveBeenCalledTimes(2);
  });

  it('keeps no refusal: an unknown credential is checked again on every request', async () => {
    const cache = embedded();
    const verify = jest.fn(async () => undefined);
    expect(await cache.resolve('api_key', 'bad', verify)).toBeUndefined();
    expect(await cache.resolve('api_key', 'bad', verify)).toBeUndefined();
    expect(verify).toHaveBeenCalledTimes(2);
  });

  it('keeps kinds apart: a session token is not found under the key kind', async () => {
    const cache = embedded();
    await cache.resolve('session', 'h', async () => forever(principal()));
    const asKey = jest.fn(async () => undefined);
    expect(await cache.resolve('api_key', 'h', asKey)).toBeUndefined();
    expect(asKey).toHaveBeenCalledTimes(1);
  });

  it('requests arriving together share one verification', async () => {
    const cache = embedded();
    const { fn, answer } = verifier(forever(principal()));
    const all = Promise.all([cache.resolve('api_key', 'h', fn), cache.resolve('api_key', 'h', fn), cache.resolve('api_key', 'h', fn)]);
    await answer(0);
    expect(await all).toEqual([principal(), principal(), principal()]);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('a change forgets every credential: the next request reads the database again', async () => {
    const cache = embedded();
    await cache.resolve('api_key', 'h', async () => forever(principal('admin')));
    await cache.changing(async () => 'revoked');
    const verify = jest.fn(async () => undefined);
    expect(await cache.resolve('api_key', 'h', verify)).toBeUndefined();
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it('a change that fails forgets them too', async () => {
    const cache = embedded();
    await cache.resolve('api_key', 'h', async () => forever(principal()));
    await expect(cache.changing(async () => Promise.reject(new Error('rolled back')))).rejects.toThrow('rolled back');
    const verify = jest.fn(async () => forever(principal()));
    await cache.resolve('api_key', 'h', verify);
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it('a verification that started before a change is not kept, and no later request joins it', async () => {
    const cache = embedded();
    const { fn, answer } = verifier(forever(principal('admin')), forever(principal('member')));
    const early = cache.resolve('api_key', 'h', fn);
    cache.invalidate();
    const late = cache.resolve('api_key', 'h', fn);
    expect(fn).toHaveBeenCalledTimes(2);
    // The early answer (from before the change) arrives last; it must not replace the newer one.
    await answer(1);
    await answer(0);
    expect((await early)?.role).toBe('admin');
    expect((await late)?.role).toBe('member');
    const again = jest.fn(async () => forever(principal('operator')));
    expect((await cache.resolve('api_key', 'h', again))?.role).toBe('member');
    expect(again).not.toHaveBeenCalled();
  });

  it('a failed verification fails its requests and is not kept', async () => {
    const cache = embedded();
    await expect(cache.resolve('api_key', 'h', () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    const verify = jest.fn(async () => forever(principal()));
    await cache.resolve('api_key', 'h', verify);
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it('distributed mode keeps nothing: every request is verified (another node may have revoked it)', async () => {
    const cache = new PrincipalCache(parseConfig({ DATABASE_URL: 'postgres://localhost/x', REDIS_URL: 'redis://localhost' }));
    const verify = jest.fn(async () => forever(principal()));
    await cache.resolve('api_key', 'h', verify);
    await cache.resolve('api_key', 'h', verify);
    expect(verify).toHaveBeenCalledTimes(2);
  });
});
