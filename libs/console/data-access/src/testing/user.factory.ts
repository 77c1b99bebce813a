import type { ApiKey, User } from '@atelier/contracts';

let sequence = 0;

/** A valid user with sensible defaults (a member); tests override only what they name. */
export function makeUser(overrides: Partial<User> = {}): User {
  sequence += 1;
  return {
    user_id: `00000000-0000-7000-9000-${String(sequence).padStart(12, '0')}`,
    email: `user${sequence}@atelier.test`,
    name: `User ${sequence}`,
    role: 'member',
    created_at: new Date(Date.UTC(2025, 0, 1, 9, 0, sequence)).toISOString(),
    disabled: false,
    ...overrides,
  };
}

/** A valid API key of a user, without the secret (as lists show it). */
export function makeApiKey(overrides: Partial<ApiKey> = {}): ApiKey {
  sequence += 1;
  return {
    api_key_id: `00000000-0000-7000-a000-${String(sequence).padStart(12, '0')}`,
    name: `Key ${sequence}`,
    role: 'member',
    prefix: `atl_${String(sequence).padStart(4, '0')}`,
    created_at: new Date(Date.UTC(2025, 0, 1, 10, 0, sequence)).toISOString(),
    expires_at: null,
    last_used_at: null,
    user_id: '00000000-0000-7000-9000-000000000001',
    ...overrides,
  };
}
