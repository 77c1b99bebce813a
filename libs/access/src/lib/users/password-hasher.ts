import argon2 from 'argon2';

/**
 * Passwords are hashed with argon2id (memory-hard), through the well-kept `argon2` binding.
 * Parameters: the first of OWASP's equally strong argon2id settings (46 MiB, 1 pass, 1 lane), not
 * the 19 MiB × 2 one: argon2 mallocs its whole matrix on a libuv thread, and glibc keeps a freed
 * block under 32 MiB (its dynamic mmap threshold's ceiling) in that thread's arena for good, so each
 * 19 MiB hash left ~20 MB of RSS behind per thread; a block over 32 MiB is always mmapped and given
 * back on free. Hashes made with other parameters still verify (argon2 reads them from the hash).
 */
export const PASSWORD_HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 47_104, timeCost: 1, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, PASSWORD_HASH_OPTIONS);
}

/** Constant-time comparison inside argon2; false for a malformed hash rather than a throw. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A hash computed once, so a login for an unknown email costs as much as a wrong password (no user enumeration by timing). */
let decoy: Promise<string> | undefined;
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoy ??= hashPassword('decoy password that matches nothing');
  await verifyPassword(await decoy, password);
  return false;
}
