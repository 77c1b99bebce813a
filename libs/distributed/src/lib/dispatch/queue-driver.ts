import { Queue, Worker, createPostgresBackend, withBackend, type Job, type RedisOptions, type WorkerOptions } from 'bullmq';
import { pipelinedRedisOptionsOf } from '../connections/redis-options';

/** The data a BullMQ job carries: only the Atelier job id (the store holds everything else). */
export interface DispatchData {
  id: string;
}

export type DispatchJob = Job<DispatchData>;

/** What the dispatcher needs of a BullMQ queue and worker, whichever backend they run on. */
export interface QueueHandle {
  add(name: string, data: DispatchData, opts: { jobId: string; priority: number; delay?: number }): Promise<unknown>;
  on(event: 'error', listener: (err: Error) => void): unknown;
  close(): Promise<void>;
}

export interface WorkerHandle {
  on(event: 'error', listener: (err: Error) => void): unknown;
  on(event: 'failed', listener: (job: DispatchJob | undefined, err: Error) => void): unknown;
  pause(doNotWaitActive?: boolean): Promise<void>;
  close(force?: boolean): Promise<void>;
  waitUntilReady(): Promise<unknown>;
}

export type WorkerSettings = Pick<WorkerOptions, 'concurrency' | 'lockDuration' | 'stalledInterval' | 'maxStalledCount'>;

/** Builds BullMQ queues and workers on one backend: Redis, or PostgreSQL (BullMQ 6's PostgreSQL backend). */
export interface QueueDriver {
  readonly name: 'redis' | 'postgres';
  queue(name: string): QueueHandle;
  worker(name: string, processor: (job: DispatchJob) => Promise<void>, settings: WorkerSettings): WorkerHandle;
}

// The records live in the database, so a completed entry is deleted at once (count 0: cheaper for
// Redis than trimming a completed set on every completion); failed entries, rare, are kept a while to look into.
const KEEP = { removeOnComplete: { count: 0 }, removeOnFail: { count: 1000, age: 7 * 86_400 } };

export function redisQueueDriver(url: string, prefix: string): QueueDriver {
  // BullMQ types its own subset of ioredis' options; these are plain ioredis options.
  const connection = (): RedisOptions => pipelinedRedisOptionsOf(url) as RedisOptions;
  return {
    name: 'redis',
    queue: (name) => new Queue<DispatchData>(name, { connection: connection(), prefix, defaultJobOptions: { attempts: 1, ...KEEP } }) as QueueHandle,
    worker: (name, processor, settings) =>
      new Worker<DispatchData, void>(name, processor, { connection: connection(), prefix, ...KEEP, ...settings }) as unknown as WorkerHandle,
  };
}

export function postgresQueueDriver(url: string, schema: string): QueueDriver {
  const pg = withBackend(createPostgresBackend);
  // migrate: BullMQ applies its own schema under an advisory lock, so concurrent boots are safe.
  const connection = { connectionString: url, schema, migrate: true, max: 4 };
  return {
    name: 'postgres',
    queue: (name) => new pg.Queue<DispatchData>(name, { connection, defaultJobOptions: { attempts: 1, ...KEEP } }) as unknown as QueueHandle,
    worker: (name, processor, settings) => new pg.Worker<DispatchData, void>(name, processor, { connection, ...KEEP, ...settings }) as unknown as WorkerHandle,
  };
}
