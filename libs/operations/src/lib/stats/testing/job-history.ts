import type { JobType } from '@atelier/contracts';
import type { JobsTable } from '@atelier/persistence';
import { jobRecord } from './stats-databases';

export const HISTORY_START = Date.parse('2026-01-01T00:00:00.000Z');
const HOUR = 3_600_000;

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** `count` jobs created over 48 h from HISTORY_START, in every state, with the awkward times a real history has. */
export function history(count: number, seed: number): JobsTable[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const iso = (ms: number) => new Date(ms).toISOString();
  // A third of the times fall on a 5-minute edge; durations are often whole seconds (ties) and sometimes below zero (skew).
  const time = (ms: number) => (next() < 0.33 ? Math.round(ms / 300_000) * 300_000 : Math.round(ms));
  const duration = () => (next() < 0.05 ? -Math.round(next() * 800) : next() < 0.4 ? Math.round(next() * 20) * 1000 : Math.round(next() ** 3 * 3 * HOUR));
  return Array.from({ length: count }, () => {
    const created = time(HISTORY_START + next() * 48 * HOUR);
    const outcome = pick(['completed', 'completed', 'completed', 'failed', 'cancelled', 'cancelled-queued', 'running', 'queued'] as const);
    const type = pick<JobType>(['analyze', 'analyze', 'generate_thumbnail', 'batch']);
    const owner = pick(['user-a', 'user-b', null]);
    if (outcome === 'queued') return jobRecord({ created_at: iso(created), type, owner });
    if (outcome === 'cancelled-queued') return jobRecord({ created_at: iso(created), finished_at: iso(created + Math.abs(duration())), status: 'cancelled', type, owner });
    const started = created + duration();
    const finished = outcome === 'running' ? null : iso(started + duration());
    const status = outcome === 'running' ? 'running' : outcome;
    return jobRecord({ created_at: iso(created), started_at: iso(started), finished_at: finished, status, type, owner });
  });
}
