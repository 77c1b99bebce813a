import type pg from 'pg';
import { PostgresCancelChannel } from './cancel/postgres-cancel-channel';
import { RedisCancelChannel } from './cancel/redis-cancel-channel';
import { pgUrlNamed } from './connections/pg-names';
import { connectionsOf, pgIdentifierOf, type QueueSettings } from './connections/queue-settings';
import { BullMqDispatcher } from './dispatch/bullmq-dispatcher';
import { postgresQueueDriver, redisQueueDriver } from './dispatch/queue-driver';
import { PostgresEventBus } from './events/postgres-event-bus';
import { RedisStreamEventBus } from './events/redis-stream-event-bus';

export type DistributedEventBus = RedisStreamEventBus | PostgresEventBus;

/** Names of everything the distributed drivers create, derived from the prefix. */
export function distributedNames(settings: Pick<QueueSettings, 'prefix'>) {
  const id = pgIdentifierOf(settings.prefix);
  return { bullmqSchema: `${id}_bullmq`, eventsChannel: `${id}_events`, cancelChannel: `${id}_cancel` };
}

/** The event bus of the configured backend, started (tailing the stream / listening). */
export async function createDistributedEventBus(settings: QueueSettings): Promise<DistributedEventBus> {
  const bus =
    settings.backend === 'redis'
      ? new RedisStreamEventBus(requireRedis(settings), settings.prefix, settings.replaySize)
      : new PostgresEventBus(
          pgUrlNamed(settings.databaseUrl, 'atelier:events'),
          settings.databaseSchema,
          distributedNames(settings).eventsChannel,
          settings.replaySize,
          connectionsOf(settings).events,
        );
  await bus.start();
  return bus;
}

/**
 * The BullMQ dispatcher on the configured backend (workers start only with `start()`). On PostgreSQL,
 * cancel NOTIFYs go through `control` (the QueueConnection's pool) when given.
 */
export function createDistributedDispatcher(settings: QueueSettings, control?: pg.Pool): BullMqDispatcher {
  const names = distributedNames(settings);
  const redis = settings.backend === 'redis';
  const connections = connectionsOf(settings);
  return new BullMqDispatcher({
    driver: redis
      ? redisQueueDriver(requireRedis(settings), settings.prefix)
      : postgresQueueDriver(settings.databaseUrl, names.bullmqSchema, { queue: connections.queue, worker: connections.worker }),
    cancel: redis ? new RedisCancelChannel(requireRedis(settings), settings.prefix) : new PostgresCancelChannel(settings.databaseUrl, names.cancelChannel, control),
    concurrency: settings.concurrency,
    typeConcurrency: settings.typeConcurrency,
    lockDurationMs: settings.lockDurationMs,
  });
}

function requireRedis(settings: QueueSettings): string {
  if (!settings.redisUrl) throw new Error('QUEUE_BACKEND=redis needs REDIS_URL');
  return settings.redisUrl;
}
