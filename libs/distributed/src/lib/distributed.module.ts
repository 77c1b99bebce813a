import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { AppConfig } from '@atelier/platform';
import { ATELIER_DB, RECORDS_POOL_SIZE, migrateToLatest, type AtelierDb } from '@atelier/persistence';
import { JobDispatcher, JobEngine, JobEventBus, JobStore } from '@atelier/jobs';
import { QueueConnection } from './connections/queue-connection';
import { connectionsOf, queueSettingsOf, type QueueSettings } from './connections/queue-settings';
import { createDistributedDispatcher, createDistributedEventBus, type DistributedEventBus } from './distributed-drivers';
import type { BullMqDispatcher } from './dispatch/bullmq-dispatcher';
import { QueueRecovery } from './queue-recovery';
import { postgresJobStore } from './store/postgres-job-store';

export const QUEUE_SETTINGS = Symbol('QUEUE_SETTINGS');

/** Closes the distributed drivers after the jobs module has stopped its workers. */
class DistributedDriversShutdown implements OnApplicationShutdown {
  constructor(
    private readonly bus: DistributedEventBus,
    private readonly dispatcher: BullMqDispatcher,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.dispatcher.close();
    await this.bus.close();
  }
}

/**
 * The cross-process JobEventBus, started. The PostgreSQL bus writes to `job_events`, which the
 * migrations create, and providers are built before PersistenceModule migrates (onModuleInit):
 * so the database (its schema created) is awaited and migrated here first; PersistenceModule
 * then finds nothing left to apply.
 */
export const DISTRIBUTED_EVENT_BUS: Provider = {
  provide: JobEventBus,
  inject: [QUEUE_SETTINGS, ATELIER_DB],
  useFactory: async (s: QueueSettings, db: AtelierDb) => {
    if (s.backend === 'postgres') await migrateToLatest(db, 'postgres');
    return createDistributedEventBus(s);
  },
};

/**
 * The distributed drivers for `JobsModule.forRoot({ drivers })`: BullMQ dispatch and
 * cross-process events on Redis (or on PostgreSQL alone with QUEUE_BACKEND=postgres).
 * Needs PersistenceModule and DistributedModule.forRoot() imported beside it.
 */
export const DISTRIBUTED_JOB_DRIVERS: Provider[] = [
  DISTRIBUTED_EVENT_BUS,
  { provide: JobStore, inject: [ATELIER_DB], useFactory: (db: AtelierDb) => postgresJobStore(db) },
  {
    provide: JobDispatcher,
    inject: [QUEUE_SETTINGS, QueueConnection],
    useFactory: (s: QueueSettings, c: QueueConnection) => createDistributedDispatcher(s, c.controlPool),
  },
  {
    provide: DistributedDriversShutdown,
    inject: [JobEventBus, JobDispatcher],
    useFactory: (bus: DistributedEventBus, dispatcher: BullMqDispatcher) => new DistributedDriversShutdown(bus, dispatcher),
  },
  {
    provide: QueueRecovery,
    inject: [JobEngine, QueueConnection, JobDispatcher],
    useFactory: (e: JobEngine, c: QueueConnection, d: BullMqDispatcher) => new QueueRecovery(e, c, d),
  },
];

/** The queue's settings, control connection (health, recovery) and connection budget, for every distributed process. */
@Global()
@Module({})
export class DistributedModule implements OnApplicationShutdown {
  static forRoot(): DynamicModule {
    return {
      module: DistributedModule,
      providers: [
        { provide: QUEUE_SETTINGS, inject: [AppConfig], useFactory: (c: AppConfig) => queueSettingsOf(c) },
        { provide: QueueConnection, inject: [QUEUE_SETTINGS], useFactory: (s: QueueSettings) => new QueueConnection(s) },
        // The records pool's share of DATABASE_POOL_SIZE, for PersistenceModule.
        { provide: RECORDS_POOL_SIZE, inject: [QUEUE_SETTINGS], useFactory: (s: QueueSettings) => connectionsOf(s).records },
      ],
      exports: [QUEUE_SETTINGS, QueueConnection, RECORDS_POOL_SIZE],
    };
  }

  constructor(@Inject(QueueConnection) private readonly connection: QueueConnection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
