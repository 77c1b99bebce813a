import type { RedisOptions } from 'ioredis';

/**
 * ioredis options from a redis:// or rediss:// URL. Commands wait for a reconnect instead of
 * failing (maxRetriesPerRequest: null, as BullMQ requires), so a Redis restart pauses work
 * rather than losing it.
 */
export function redisOptionsOf(url: string, extra: RedisOptions = {}): RedisOptions {
  const u = new URL(url);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  return {
    host: u.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: Number.isInteger(db) ? db : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(100 * times, 1000),
    ...extra,
  };
}

/**
 * Commands that block their connection until data arrives. Never auto-pipelined: one of them
 * would hold back every command batched behind it.
 */
const BLOCKING_COMMANDS = ['bzpopmin', 'bzpopmax', 'brpoplpush', 'blmove', 'brpop', 'blpop', 'xread', 'xreadgroup'];

/**
 * Options for a busy connection: commands issued in the same event-loop turn leave in one
 * write (ioredis auto-pipelining) instead of one syscall each. On a loaded machine each write
 * wakes Redis once, so batching them is what lets many concurrent jobs share a round trip.
 * Order on the connection is kept, and each command's promise still settles with its own reply.
 */
export function pipelinedRedisOptionsOf(url: string, extra: RedisOptions = {}): RedisOptions {
  return redisOptionsOf(url, { enableAutoPipelining: true, autoPipeliningIgnoredCommands: BLOCKING_COMMANDS, ...extra });
}
