/** Test isolation on the shared PostgreSQL and Redis: a fresh schema and key prefix per use, dropped after. */
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import pg from 'pg';
import type { QueueBackendName, QueueSettings } from '../lib/connections/queue-settings';
import { distributedNames } from '../lib/distributed-drivers';

export const DATABASE_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

export function testNamespace(backend: QueueBackendName): Pick<QueueSettings, 'backend' | 'redisUrl' | 'databaseUrl' | 'databaseSchema' | 'prefix'> {
  const tag = `t_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  return { backend, redisUrl: backend === 'redis' ? REDIS_URL : undefined, databaseUrl: DATABASE_URL, databaseSchema: tag, prefix: `${tag}_q` };
}

/** Drops the tests' schemas and deletes their Redis keys. */
export async function dropTestNamespaces(namespaces: Pick<QueueSettings, 'databaseUrl' | 'databaseSchema' | 'prefix'>[]): Promise<void> {
  if (namespaces.length === 0) return;
  const client = new pg.Client({ connectionString: namespaces[0].databaseUrl });
  await client.connect();
  try {
    // One schema per statement: a BullMQ schema alone holds a few hundred objects, and dropping dozens at once runs out of lock slots.
    for (const schema of namespaces.flatMap((ns) => [ns.databaseSchema, distributedNames(ns).bullmqSchema])) {
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    }
  } finally {
    await client.end();
  }
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    for (const ns of namespaces) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${ns.prefix}:*`, 'COUNT', 1000);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
}
