import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: session ids and API keys. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Secrets are stored as SHA-256: they are random and long, so a fast hash is enough, and look-ups stay by key. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
