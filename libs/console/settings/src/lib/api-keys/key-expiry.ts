import type { ApiKey } from '@atelier/contracts';

export interface ExpiryChoice {
  readonly id: string;
  readonly label: string;
  /** null: the key never expires. */
  readonly days: number | null;
}

/** The lifetimes offered for a new key; a short one is the safer default. */
export const EXPIRY_CHOICES: readonly ExpiryChoice[] = [
  { id: '7d', label: '7 days', days: 7 },
  { id: '30d', label: '30 days', days: 30 },
  { id: '90d', label: '90 days', days: 90 },
  { id: '1y', label: '1 year', days: 365 },
  { id: 'never', label: 'Never', days: null },
];

export const DEFAULT_EXPIRY = '90d';

const DAY_MS = 86_400_000;

/** The `expires_at` of a key created now with this choice; undefined when it never expires. */
export function expiresAt(choiceId: string, now: number): string | undefined {
  const days = EXPIRY_CHOICES.find((c) => c.id === choiceId)?.days ?? null;
  return days === null ? undefined : new Date(now + days * DAY_MS).toISOString();
}

export function isExpired(key: Pick<ApiKey, 'expires_at'>, now: number): boolean {
  return key.expires_at !== null && Date.parse(key.expires_at) <= now;
}
