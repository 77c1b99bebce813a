import { formatDuration } from '@atelier/console/ui';

/** "5s ago", "2m 05s ago" from an ISO time and the clock's now; "just now" for the future (clock skew). */
export function formatAgo(iso: string, now: number): string {
  const ms = now - Date.parse(iso);
  return ms < 1000 ? 'just now' : `${formatDuration(ms)} ago`;
}

/** "850 ms", "2.1 s", "3m 05s": a latency for axes, tables and summaries. */
export function formatLatency(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  return formatDuration(ms);
}
