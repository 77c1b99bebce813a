import argon2 from 'argon2';

/**
 * Passwords are hashed with argon2id (memory-hard), through the well-kept `argon2` binding.
 * Parameters: OWASP's recommended minimum (19 MiB, 2 passes, 1 lane).
 */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
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
