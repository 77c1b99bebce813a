import Redis from 'ioredis';
import type { AtelierDb } from '@atelier/persistence';
import type { AppConfig } from '@atelier/platform';
import { ModelCallGate, localLimits, postgresLimits, redisLimits, type ModelCallLimits } from './model-call-gate';

/** The gate for the configured limits, shared where the process shares state: none without limits. */
export function modelCallGateOf(config: AppConfig, db: AtelierDb): ModelCallGate | undefined {
  const v = config.values;
  if (!v.openaiMaxConcurrency && !v.openaiMaxRpm) return undefined;
  const limits: ModelCallLimits = { maxConcurrency: v.openaiMaxConcurrency, maxPerMinute: v.openaiMaxRpm, leaseMs: v.jobTimeoutMs };
  if (config.mode === 'embedded') return new ModelCallGate(localLimits(limits));
  if (config.queueBackend === 'redis') {
    const redis = new Redis(v.redisUrl!, { maxRetriesPerRequest: 1 });
    redis.on('error', () => undefined);
    return new ModelCallGate(redisLimits(redis, v.queuePrefix, limits));
  }
  return new ModelCallGate(postgresLimits(db, limits));
}
