import type { JobType } from '@atelier/contracts';
import type { AppConfigValues } from '@atelier/platform';

/** Everything that decides how a job of a type is run, computed in one place. */
export interface JobPolicy {
  priority: number;
  maxAttempts: number;
  timeoutMs: number;
  /** Delay before retry `attempt` (1-based: the attempt that just failed), with jitter. */
  backoffMs(attempt: number, random?: () => number): number;
  retentionMs: number;
}

type PolicyConfig = Pick<AppConfigValues, 'jobMaxAttempts' | 'jobTimeoutMs' | 'retryBaseDelayMs' | 'retentionDays'>;

const TYPE_DEFAULTS: Partial<Record<JobType, { priority?: number; maxAttempts?: number; timeoutFactor?: number }>> = {
  // Thumbnails are cheap and make the console look right: run them first.
  generate_thumbnail: { priority: 10, maxAttempts: 2, timeoutFactor: 0.2 },
  generate_image: { maxAttempts: 2 },
};

const MAX_BACKOFF_MS = 5 * 60_000;

export function jobPolicy(type: JobType, config: PolicyConfig, overrides: { priority?: number; maxAttempts?: number } = {}): JobPolicy {
  const d = TYPE_DEFAULTS[type] ?? {};
  const base = config.retryBaseDelayMs;
  return {
    priority: overrides.priority ?? d.priority ?? 0,
    maxAttempts: overrides.maxAttempts ?? d.maxAttempts ?? config.jobMaxAttempts,
    timeoutMs: Math.max(100, Math.round(config.jobTimeoutMs * (d.timeoutFactor ?? 1))),
    backoffMs: (attempt, random = Math.random) => {
      const exp = Math.min(MAX_BACKOFF_MS, base * 2 ** Math.max(0, attempt - 1));
      return Math.round(exp * (0.5 + random()));
    },
    retentionMs: config.retentionDays * 86_400_000,
  };
}
