import { Logger } from '@nestjs/common';
import {
  PostgresConnection,
  PostgresQueueBackend,
  Queue,
  Worker,
  createPostgresBackend,
  withBackend,
  type Job,
  type PostgresConnectionOptions,
  type QueueBaseOptions,
  type JobType as EntryState,
  type RedisOptions,
  type WorkerOptions,
} from 'bullmq';
import pg from 'pg';
import { isRefusedConnection } from '@atelier/persistence';
import { pgUrlNamed } from '../connections/pg-names';
import { pipelinedRedisOptionsOf } from '../connections/redis-options';

/** The data a BullMQ job carries: only the Atelier job id (the store holds everything else). Its name is the job type. */
export interface DispatchData {
  id: string;
}

export type DispatchJob = Job<DispatchData>;

/** What the dispatcher needs of a BullMQ queue, whichever backend it runs on. */
export interface QueueHandle {
  add(name: string, data: DispatchData, opts: { jobId: string; priority: number; delay?: number }): Promise<unknown>;
  getJobCounts(...states: EntryState[]): Promise<Record<string, number>>;
  getJobs(states: EntryState[], start: number, end: number, asc: boolean): Promise<DispatchJob[]>;
  on(event: 'error', listener: (err: Error) => void): unknown;
  close(): Promise<void>;
}

export interface WorkerHandle {
  on(event: 'error', listener: (err: Error) => void): unknown;
  on(event: 'failed', listener: (job: DispatchJob | undefined, err: Error) => void): unknown;
  /** Starts fetching; settles when the worker stops. */
  run(): Promise<void>;
  pause(doNotWaitActive?: boolean): Promise<void>;
  resume(): Promise<void>;
  close(force?: boolean): Promise<void>;
}

export type WorkerSettings = Pick<WorkerOptions, 'concurrency' | 'lockDuration' | 'stalledInterval' | 'maxStalledCount'>;

/** PostgreSQL connections the driver may open (QUEUE_BACKEND=postgres): its producer pool, its worker pool (plus the worker's LISTEN). */
export interface QueueDriverPools {
  queue: number;
  worker: number;
}

/** Builds BullMQ queues and workers on one backend: Redis, or PostgreSQL (BullMQ 6's PostgreSQL backend). */
export interface QueueDriver {
  readonly name: 'redis' | 'postgres';
  /** A queue to add to and inspect. */
  queue(name: string): Promise<QueueHandle>;
  /** A worker, connected but not fetching until `run()`. */
  worker(name: string, processor: (job: DispatchJob) => Promise<void>, settings: WorkerSettings): Promise<WorkerHandle>;
  /** Closes what the driver's queues share (after they are closed). */
  close(): Promise<void>;
}

// The records live in the database, so a completed entry is deleted at once (count 0: cheaper for
// Redis than trimming a completed set on every completion); failed entries, rare, are kept a while to look into.
const KEEP = { removeOnComplete: { count: 0 }, removeOnFail: { count: 1000, age: 7 * 86_400 } };
// A fetch or a finish that hit a connection error is tried again after this (BullMQ's default: 15 s).
const RUN_RETRY_DELAY_MS = 1000;

export function redisQueueDriver(url: string, prefix: string): QueueDriver {
  // BullMQ types its own subset of ioredis' options; these are plain ioredis options.
  const connection = (): RedisOptions => pipelinedRedisOptionsOf(url) as RedisOptions;
  return {
    name: 'redis',
    // Not awaited: ioredis holds commands until Redis answers, so a queue is usable at once.
    queue: async (name) => new Queue<DispatchData>(name, { connection: connection(), prefix, defaultJobOptions: { attempts: 1, ...KEEP } }) as unknown as QueueHandle,
    worker: async (name, processor, settings) => {
      const worker = new Worker<DispatchData, void>(name, processor, {
        connection: connection(),
        prefix,
        ...KEEP,
        ...settings,
        runRetryDelay: RUN_RETRY_DELAY_MS,
        autorun: false,
      });
      await worker.waitUntilReady();
      return worker as unknown as WorkerHandle;
    },
    close: async () => undefined,
  };
}

/**
 * BullMQ on PostgreSQL within a connection budget: every queue handle shares one producer
 * connection (pool of `pools.queue`); the worker has its own (pool of `pools.worker`, plus the
 * LISTEN connection it waits on). A connection's first use also applies BullMQ's migrations; if
 * the server refuses it then, BullMQ keeps that failure for good, so the connection is rebuilt
 * until one is ready.
 */
export function postgresQueueDriver(url: string, schema: string, pools: QueueDriverPools = { queue: 1, worker: 1 }): QueueDriver {
  const logger = new Logger('PostgresQueueDriver');
  // migrate: BullMQ applies its own schema under an advisory lock, so concurrent boots are safe.
  const config = (name: string, max: number) => ({ connectionString: pgUrlNamed(url, name), schema, migrate: true, max, Client: RefusalAwareClient });
  const pgClasses = withBackend(createPostgresBackend);
  const refused = (name: string, err: unknown, attempt: number) =>
    attempt % 10 === 0 && logger.warn(`PostgreSQL refused the ${name} connection (${(err as Error).message}); retrying until it accepts`);
  let producer: Promise<PostgresConnection> | undefined;
  let closed = false;
  const connected = async (name: string, max: number): Promise<PostgresConnection> => {
    for (let attempt = 0; ; attempt++) {
      const connection = new PostgresConnection(config(name, max));
      connection.on('error', (err: Error) => logger.warn(`${name}: ${err.message}`));
      try {
        await connection.waitUntilReady();
        return connection;
      } catch (err) {
        await connection.close().catch(() => undefined);
        if (closed || !isRefusedConnection(err)) throw err;
        refused(name, err, attempt);
        await backoff(attempt);
      }
    }
  };
  return {
    name: 'postgres',
    queue: async (name) => {
      producer ??= connected('atelier:queue', pools.queue);
      const shared = await producer;
      // Not owning the connection: closing a queue leaves it to the others; close() ends it.
      const { Queue: SharedQueue } = withBackend((n, o: QueueBaseOptions<PostgresConnectionOptions>) => new PostgresQueueBackend(shared, n, o, false));
      return new SharedQueue<DispatchData>(name, { connection: {}, defaultJobOptions: { attempts: 1, ...KEEP } }) as unknown as QueueHandle;
    },
    worker: async (name, processor, settings) => {
      for (let attempt = 0; ; attempt++) {
        const options = { connection: config('atelier:worker', pools.worker), ...KEEP, ...settings, runRetryDelay: RUN_RETRY_DELAY_MS, autorun: false };
        const worker = new pgClasses.Worker<DispatchData, void>(name, processor, options);
        worker.on('error', () => undefined);
        try {
          await worker.waitUntilReady();
          return worker as unknown as WorkerHandle;
        } catch (err) {
          await worker.close(true).catch(() => undefined);
          if (closed || !isRefusedConnection(err)) throw err;
          refused('atelier:worker', err, attempt);
          await backoff(attempt);
        }
      }
    },
    close: async () => {
      closed = true;
      const shared = await producer?.catch(() => undefined);
      await shared?.close();
    },
  };
}

/**
 * Reports a refused connection (server full, starting up) as ECONNREFUSED, which BullMQ treats as a
 * connection error: it waits `runRetryDelay` and tries again, where any other error would have its
 * worker fetch again at once, in a loop, while the server refuses.
 */
class RefusalAwareClient extends pg.Client {
  override connect(): Promise<pg.Client>;
  override connect(callback: (err: Error) => void): void;
  override connect(callback?: (err: Error) => void): Promise<pg.Client> | void {
    if (!callback) return super.connect().catch((err: unknown) => Promise.reject(asConnectionError(err)));
    super.connect((err: Error) => callback((err && asConnectionError(err)) as Error));
  }
}

function asConnectionError(err: unknown): unknown {
  if (!isRefusedConnection(err) || (err as { code?: string }).code === 'ECONNREFUSED') return err;
  return Object.assign(new Error(`${(err as Error).message} (connection refused)`, { cause: err }), { code: 'ECONNREFUSED' });
}

function backoff(attempt: number): Promise<void> {
  const ms = Math.min(2000, 100 * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, ms / 2 + Math.random() * ms));
}
