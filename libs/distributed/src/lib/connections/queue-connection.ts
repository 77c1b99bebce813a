import { EventEmitter } from 'node:events';
import Redis from 'ioredis';
import pg from 'pg';
import { pgUrlNamed } from './pg-names';
import { redisOptionsOf } from './redis-options';
import { connectionsOf, type QueueSettings } from './queue-settings';

export interface QueueHealthCheck {
  name: string;
  check(): Promise<void>;
}

/**
 * A small control connection to the queue's datastore, apart from BullMQ's and the event
 * bus's: answers health checks (failing fast while the server is away), tells when the
 * connection came back ('ready'), so queue recovery can run, and on PostgreSQL carries the
 * cancel NOTIFYs.
 */
export class QueueConnection extends EventEmitter {
  private readonly redis?: Redis;
  private readonly pool?: pg.Pool;

  constructor(readonly settings: QueueSettings) {
    super();
    if (settings.backend === 'redis') {
      this.redis = new Redis(redisOptionsOf(settings.redisUrl!, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }));
      this.redis.on('ready', () => this.emit('ready'));
      this.redis.on('error', () => undefined);
    } else {
      this.pool = new pg.Pool({ connectionString: pgUrlNamed(settings.databaseUrl, 'atelier:control'), max: connectionsOf(settings).control });
      this.pool.on('error', () => undefined);
    }
  }

  /** The PostgreSQL control pool (QUEUE_BACKEND=postgres): health pings, and the cancel channel's NOTIFYs. */
  get controlPool(): pg.Pool | undefined {
    return this.pool;
  }

  /** The name health reports use for this datastore. */
  get healthName(): string {
    return this.settings.backend === 'redis' ? 'redis' : 'queue';
  }

  async ping(): Promise<void> {
    if (this.redis) {
      if (this.redis.status !== 'ready') throw new Error(`Redis is ${this.redis.status}`);
      await this.redis.ping();
    } else {
      await this.pool!.query('SELECT 1');
    }
  }

  healthChecks(): QueueHealthCheck[] {
    return [{ name: this.healthName, check: () => this.ping() }];
  }

  /**
   * Claims the queue's current incarnation: true for exactly one caller after Redis starts
   * empty (first boot, or a restart that lost its data). Always false on PostgreSQL, whose
   * queue is durable.
   */
  async claimIncarnation(token: string): Promise<boolean> {
    if (!this.redis) return false;
    return (await this.redis.set(`${this.settings.prefix}:incarnation`, token, 'NX')) === 'OK';
  }

  async close(): Promise<void> {
    this.redis?.disconnect();
    await this.pool?.end().catch(() => undefined);
  }
}
