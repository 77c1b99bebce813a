import { InjectionToken } from '@angular/core';

/** When JobsStream opens a new connection after losing one. */
export interface ReconnectBackoff {
  /** Upper bound of the first delay; it doubles with each failure in a row. */
  readonly baseMs: number;
  /** Upper bound of every delay. */
  readonly capMs: number;
  /** A number in [0, 1): the jitter. */
  readonly random: () => number;
}

export const RECONNECT_BACKOFF = new InjectionToken<ReconnectBackoff>('RECONNECT_BACKOFF', {
  providedIn: 'root',
  factory: () => ({ baseMs: 1000, capMs: 30_000, random: Math.random }),
});

/**
 * Exponential backoff with full jitter: a delay drawn uniformly below min(cap, base × 2^failures).
 * After a deploy every console loses its stream at the same moment; drawn at random, their
 * reconnects spread over the window instead of reaching the new server all at once.
 */
export function reconnectDelay(failures: number, backoff: ReconnectBackoff): number {
  const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.min(failures, 30));
  return Math.floor(backoff.random() * ceiling);
}
