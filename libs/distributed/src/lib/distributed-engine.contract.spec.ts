/**
 * The engine's contract suite against the distributed drivers, on the machine's real PostgreSQL
 * and Redis: PostgreSQL store + BullMQ on Redis + Redis Stream events, and PostgreSQL alone
 * (BullMQ's PostgreSQL backend + LISTEN/NOTIFY events). Each boot gets its own schema and key prefix.
 */
import { migrateToLatest, openPostgresDatabase, ensurePostgresSchema } from '@atelier/persistence';
import { postgresJobStore } from './store/postgres-job-store';
import { describeJobEngineContract, type DriverOptions, type EngineDrivers } from '@atelier/jobs/testing';
import type { QueueBackendName, QueueSettings } from './connections/queue-settings';
import { createDistributedDispatcher, createDistributedEventBus } from './distributed-drivers';
import { DATABASE_URL, REDIS_URL, dropTestNamespaces, testNamespace } from '../testing/test-namespace';

const namespaces: QueueSettings[] = [];
afterAll(() => dropTestNamespaces(namespaces), 60_000);

async function distributedDrivers(backend: QueueBackendName, options: DriverOptions, existing?: QueueSettings): Promise<EngineDrivers> {
  const settings: QueueSettings = existing ?? {
    ...testNamespace(backend),
    concurrency: options.concurrency,
    typeConcurrency: options.typeConcurrency,
    lockDurationMs: 5_000,
    replaySize: 1_000,
  };
  if (!existing) namespaces.push(settings);
  await ensurePostgresSchema(settings.databaseUrl, settings.databaseSchema);
  const db = openPostgresDatabase(settings.databaseUrl, settings.databaseSchema, 4);
  await migrateToLatest(db, 'postgres');
  const bus = await createDistributedEventBus(settings);
  const dispatcher = createDistributedDispatcher(settings);
  return {
    store: postgresJobStore(db),
    bus,
    dispatcher,
    close: async () => {
      await dispatcher.close();
      await bus.close();
      await db.destroy();
    },
    reopen: () => distributedDrivers(backend, options, settings),
  };
}

describeJobEngineContract(`distributed (PostgreSQL + BullMQ on Redis + Redis Stream) at ${REDIS_URL}`, (o) => distributedDrivers('redis', o), {
  bootRecovery: false,
});
describeJobEngineContract(`distributed (PostgreSQL alone: BullMQ PostgreSQL backend + LISTEN/NOTIFY) at ${DATABASE_URL}`, (o) => distributedDrivers('postgres', o), {
  bootRecovery: false,
});
