import argon2 from 'argon2';
import { hashPassword, PASSWORD_HASH_OPTIONS, verifyPassword } from './password-hasher';

// glibc gives a freed block back to the system only when it is above its dynamic mmap threshold's ceiling (32 MiB).
const GLIBC_MMAP_THRESHOLD_MAX_KIB = 32 * 1024;

describe('password hashing', () => {
  it('hashes with argon2id over a matrix larger than 32 MiB, so the memory is given back after each hash', async () => {
    const hash = await hashPassword('a long enough password');
    const [, algorithm, , params] = hash.split('$');
    const { m, t, p } = Object.fromEntries(params.split(',').map((kv) => kv.split('=')).map(([k, v]) => [k, Number(v)]));
    expect(algorithm).toBe('argon2id');
    expect(m).toBeGreaterThan(GLIBC_MMAP_THRESHOLD_MAX_KIB);
    expect([t, p]).toEqual([PASSWORD_HASH_OPTIONS.timeCost, PASSWORD_HASH_OPTIONS.parallelism]);
    expect(await verifyPassword(hash, 'a long enough password')).toBe(true);
    expect(await verifyPassword(hash, 'another long password')).toBe(false);
  });

  it('still verifies hashes made with the former parameters (19 MiB, 2 passes)', async () => {
    const former = await argon2.hash('a long enough password', { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    expect(await verifyPassword(former, 'a long enough password')).toBe(true);
    expect(await verifyPassword(former, 'another long password')).toBe(false);
  });

  it('answers false for a malformed hash', async () => {
    expect(await verifyPassword('not a hash', 'a long enough password')).toBe(false);
  });
});
