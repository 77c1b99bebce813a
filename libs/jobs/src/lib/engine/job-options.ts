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

interface TypeDefaults {
  priority?: number;
  maxAttempts?: number;
  timeoutFactor?: number;
  /** A fixed time limit per attempt instead of JOB_TIMEOUT_MS × timeoutFactor. */
  timeoutMs?: number;
  maxBackoffMs?: number;
}

const TYPE_DEFAULTS: Partial<Record<JobType, TypeDefaults>> = {
  // Thumbnails are cheap and make the console look right: run them first.
  generate_thumbnail: { priority: 10, maxAttempts: 2, timeoutFactor: 0.2 },
  generate_image: { maxAttempts: 2 },
  // Webhook deliveries (API.md): 10 s per request (plus room to record it); backoff doubling from
  // JOB_RETRY_BASE_DELAY_MS up to 2 h, 25 attempts: about 24 h of retries at the default base delay.
  deliver_webhook: { priority: 5, maxAttempts: 25, timeoutMs: 15_000, maxBackoffMs: 2 * 3_600_000 },
};

const MAX_BACKOFF_MS = 5 * 60_000;

export function jobPolicy(type: JobType, config: PolicyConfig, overrides: { priority?: number; maxAttempts?: number } = {}): JobPolicy {
  const d = TYPE_DEFAULTS[type] ?? {};
  const base = config.retryBaseDelayMs;
  return {
    priority: overrides.priority ?? d.priority ?? 0,
    maxAttempts: overrides.maxAttempts ?? d.maxAttempts ?? config.jobMaxAttempts,
    timeoutMs: d.timeoutMs ?? Math.max(100, Math.round(config.jobTimeoutMs * (d.timeoutFactor ?? 1))),
    backoffMs: (attempt, random = Math.random) => {
      const exp = Math.min(d.maxBackoffMs ?? MAX_BACKOFF_MS, base * 2 ** Math.max(0, attempt - 1));
      return Math.round(exp * (0.5 + random()));
    },
    retentionMs: config.retentionDays * 86_400_000,
  };
}
