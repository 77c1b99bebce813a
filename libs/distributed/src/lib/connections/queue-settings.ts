import { CONFIG_VARIABLES, type AppConfig } from '@atelier/platform';
import { connectionBudgetOf, type ConnectionBudget } from './connection-budget';

export type QueueBackendName = 'redis' | 'postgres';

/** Everything the distributed drivers need from the configuration, resolved once. */
export interface QueueSettings {
  backend: QueueBackendName;
  /** Set when backend is redis. */
  redisUrl?: string;
  databaseUrl: string;
  databaseSchema: string;
  /** Namespaces Redis keys, PostgreSQL channels and BullMQ's PostgreSQL schema. */
  prefix: string;
  concurrency: number;
  typeConcurrency: Partial<Record<string, number>>;
  /** How long a worker's claim on a job lives without renewal; a dead worker's jobs re-run within 1.2 × this. */
  lockDurationMs: number;
  /** Events kept for Last-Event-ID replay. */
  replaySize: number;
  /** PostgreSQL connections by component (default: DATABASE_POOL_SIZE's default, for a process that runs jobs). */
  connections?: ConnectionBudget;
}

export function queueSettingsOf(config: AppConfig): QueueSettings {
  const v = config.values;
  const backend = config.queueBackend;
  if (!v.databaseUrl || !backend) throw new Error('The distributed drivers need DATABASE_URL and REDIS_URL (or QUEUE_BACKEND=postgres).');
  return {
    backend,
    redisUrl: v.redisUrl,
    databaseUrl: v.databaseUrl,
    databaseSchema: v.databaseSchema,
    prefix: v.queuePrefix,
    concurrency: v.workerConcurrency,
    typeConcurrency: v.typeConcurrency,
    lockDurationMs: v.queueLockDurationMs,
    replaySize: v.sseReplaySize,
    connections: connectionBudgetOf(v.databasePoolSize, backend, config.runWorkers),
  };
}

/** The settings' connection budget, or the default one of a process that runs jobs. */
export function connectionsOf(settings: QueueSettings): ConnectionBudget {
  return settings.connections ?? connectionBudgetOf(Number(CONFIG_VARIABLES.databasePoolSize.default), settings.backend, true);
}

/** A prefix turned into a PostgreSQL identifier fragment (channels, BullMQ's schema). */
export function pgIdentifierOf(prefix: string): string {
  const id = prefix.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  return /^[a-z_]/.test(id) ? id : `_${id}`;
}
