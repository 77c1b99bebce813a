import {
  Inject,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
  type Provider,
} from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { Registry } from 'prom-client';
import { ATELIER_VERSION, AppConfig, UnhandledRejectionGuard } from '@atelier/platform';
import { ATELIER_DB, SQL_DIALECT, type AtelierDb, type SqlDialectName } from '@atelier/persistence';
import { JobStore } from './ports/job-store.port';
import { JobEventBus } from './ports/job-event-bus.port';
import { JobDispatcher } from './ports/job-dispatcher.port';
import { KyselyJobStore } from './drivers/kysely-job-store';
import { KyselyWorkerRegistry } from './drivers/kysely-worker-registry';
import { WorkerRegistry } from './ports/worker-registry.port';
import { MemoryEventBus } from './drivers/memory-event-bus';
import { InProcessDispatcher } from './drivers/in-process-dispatcher';
import { JobHandlerFor } from './handlers/job-handler.decorator';
import type { JobHandler } from './handlers/job-handler';
import { JobEngine } from './engine/job-engine';
import { JobsService } from './engine/jobs.service';
import { JobMetrics } from './engine/job-metrics';
import { JobsController } from './jobs.controller';
import { BatchJobHandler } from './handlers/batch-job.handler';
import { JobTimelineStore } from './ports/job-timeline.port';
import { KyselyJobTimeline } from './drivers/kysely-job-timeline';
import { QueueStateStore } from './ports/queue-state.port';
import { KyselyQueueStateStore } from './drivers/kysely-queue-state-store';
import { TaskPanelService } from './panel/task-panel.service';
import { TaskPanelController } from './panel/task-panel.controller';

/** The embedded drivers: in-memory event bus and in-process dispatcher. */
export const EMBEDDED_JOB_DRIVERS: Provider[] = [
  { provide: JobEventBus, inject: [AppConfig], useFactory: (c: AppConfig) => new MemoryEventBus(c.values.sseReplaySize) },
  {
    provide: JobDispatcher,
    inject: [AppConfig],
    useFactory: (c: AppConfig) => new InProcessDispatcher({ concurrency: c.values.workerConcurrency, typeConcurrency: c.values.typeConcurrency }),
  },
];

export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');
const JOBS_MODULE_OPTIONS = Symbol('JOBS_MODULE_OPTIONS');

export interface JobsModuleOptions {
  /** Providers of JobEventBus and JobDispatcher (default: the embedded ones). */
  drivers?: Provider[];
  /** Whether this process recovers crashed jobs at boot (embedded: yes; distributed: the queue does). */
  recoverOnBoot?: boolean;
  /** How this process shows in the worker registry (default: `embedded`, or `api` when distributed). */
  role?: string;
}

@Module({})
export class JobsModule implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown, OnModuleDestroy {
  private readonly logger = new Logger('JobsModule');
  private cleanupTimer?: NodeJS.Timeout;
  static forRoot(options: JobsModuleOptions = {}): DynamicModule {
    return {
      module: JobsModule,
      global: true,
      imports: [DiscoveryModule],
      controllers: [JobsController, TaskPanelController],
      providers: [
        // The default store first: a driver set may provide its own (distributed: batched PostgreSQL writes).
        {
          provide: JobStore,
          inject: [ATELIER_DB, SQL_DIALECT],
          useFactory: (db: AtelierDb, dialect: SqlDialectName) => new KyselyJobStore(db, dialect),
        },
        ...(options.drivers ?? EMBEDDED_JOB_DRIVERS),
        { provide: METRICS_REGISTRY, useValue: new Registry() },
        { provide: JOBS_MODULE_OPTIONS, useValue: options },
        { provide: WorkerRegistry, inject: [ATELIER_DB], useFactory: (db: AtelierDb) => new KyselyWorkerRegistry(db) },
        { provide: JobTimelineStore, inject: [ATELIER_DB], useFactory: (db: AtelierDb) => new KyselyJobTimeline(db) },
        { provide: QueueStateStore, inject: [ATELIER_DB], useFactory: (db: AtelierDb) => new KyselyQueueStateStore(db) },
        {
          provide: JobEngine,
          inject: [JobStore, JobEventBus, JobDispatcher, WorkerRegistry, AppConfig, METRICS_REGISTRY, JobTimelineStore, QueueStateStore],
          useFactory: (
            store: JobStore,
            bus: JobEventBus,
            dispatcher: JobDispatcher,
            workerRegistry: WorkerRegistry,
            config: AppConfig,
            registry: Registry,
            timeline: JobTimelineStore,
            queueStates: QueueStateStore,
          ) =>
            new JobEngine({
              store,
              bus,
              dispatcher,
              workerRegistry,
              timeline,
              queueStates,
              config: config.values,
              metrics: new JobMetrics(registry),
              role: options.role ?? (config.mode === 'embedded' ? 'embedded' : 'api'),
              version: ATELIER_VERSION,
            }),
        },
        { provide: JobsService, inject: [JobEngine], useFactory: (engine: JobEngine) => engine.jobs },
        {
          provide: TaskPanelService,
          inject: [ATELIER_DB, JobEventBus, QueueStateStore],
          useFactory: (db: AtelierDb, bus: JobEventBus, states: QueueStateStore) => new TaskPanelService(db, bus, states),
        },
        BatchJobHandler,
      ],
      exports: [JobsService, JobEngine, JobEventBus, JobStore, JobDispatcher, WorkerRegistry, METRICS_REGISTRY, JobTimelineStore, QueueStateStore],
    };
  }

  constructor(
    private readonly engine: JobEngine,
    private readonly store: JobStore,
    private readonly discovery: DiscoveryService,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(JOBS_MODULE_OPTIONS) private readonly options: JobsModuleOptions,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    // Every process that runs the engine (API and worker) logs and counts stray rejections instead of dying.
    UnhandledRejectionGuard.install(registry);
  }

  /** Handlers are collected once Nest has created every provider (and their dependencies). */
  onModuleInit(): void {
    const handlers = this.discovery
      .getProviders({ metadataKey: JobHandlerFor.KEY })
      .map((wrapper) => wrapper.instance as JobHandler | undefined)
      .filter((h): h is JobHandler => !!h);
    this.engine.registerHandlers(handlers);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.runWorkers) {
      await this.engine.startWorkers({ recover: this.options.recoverOnBoot ?? true });
      this.logger.log(`Workers started (concurrency ${this.config.values.workerConcurrency}, worker ${this.engine.workers.id})`);
    }
    this.engine.startSweeper();
    const retention = this.config.values.retentionDays * 86_400_000;
    this.cleanupTimer = setInterval(() => {
      this.engine.maintenance.cleanup(retention).catch((err) => this.logger.error(`Retention cleanup failed: ${err}`));
    }, this.config.values.cleanupIntervalMs);
    this.cleanupTimer.unref();
    void this.engine.maintenance.cleanup(retention).catch((err) => this.logger.error(`Retention cleanup failed: ${err}`));
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.cleanupTimer);
    const running = this.engine.dispatcher.runningCount();
    if (running) this.logger.log(`Shutting down: waiting up to ${this.config.values.shutdownGraceMs} ms for ${running} running job(s)`);
    await this.engine.stop(this.config.values.shutdownGraceMs);
    // The search texts of the last jobs, rather than at the next start (JobSearchIndexer).
    if (this.store instanceof KyselyJobStore) await this.store.flushSearchIndex().catch((err) => this.logger.warn(`Search texts not written: ${err}`));
  }

  onModuleDestroy(): void {
    clearInterval(this.cleanupTimer);
  }
}
