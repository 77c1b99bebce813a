import { ConfigError } from '@atelier/platform';

/**
 * How one process spends its DATABASE_POOL_SIZE PostgreSQL connections. With QUEUE_BACKEND=postgres
 * the queue, the events and the cancel signals live in PostgreSQL too and take a fixed share; the
 * records pool gets the rest. With Redis they live in Redis, and the records get everything.
 */
export interface ConnectionBudget {
  total: number;
  /** The records pool (jobs, presets, images). */
  records: number;
  /** The event bus's pool, and its LISTEN connection. */
  events: number;
  eventsListen: number;
  /** Health pings of the queue and cancel NOTIFYs. */
  control: number;
  /** BullMQ's producer pool (adds). */
  queue: number;
  /** BullMQ's worker pool (claims, lock renewals, stalled checks), and its LISTEN connection. */
  worker: number;
  workerListen: number;
  /** The LISTEN connection that hears cancels. */
  cancelListen: number;
}

/** The fewest connections the records pool can do with (a transaction and a read beside it). */
const MIN_RECORDS = 2;

export function connectionBudgetOf(total: number, backend: 'redis' | 'postgres', runsWorkers: boolean): ConnectionBudget {
  const none = { events: 0, eventsListen: 0, control: 0, queue: 0, worker: 0, workerListen: 0, cancelListen: 0 };
  const shares =
    backend === 'redis'
      ? none
      : runsWorkers
        ? { ...none, events: 1, eventsListen: 1, control: 1, queue: 1, worker: 1, workerListen: 1, cancelListen: 1 }
        : // An API process serves event replays and streams beside its publishes: one more for the events.
          { ...none, events: 2, eventsListen: 1, control: 1, queue: 1 };
  const fixed = Object.values(shares).reduce((a, b) => a + b, 0);
  if (total - fixed < MIN_RECORDS) {
    const role = runsWorkers ? 'a process that runs jobs' : 'an API process';
    throw new ConfigError([
      `DATABASE_POOL_SIZE must be at least ${fixed + MIN_RECORDS} for ${role} with QUEUE_BACKEND=${backend} (${fixed} go to the queue and the events, ${MIN_RECORDS} at least to the records), got ${total}`,
    ]);
  }
  return { total, records: total - fixed, ...shares };
}
