import type { JobType } from '@atelier/contracts';
import type { AppConfigValues } from '@atelier/platform';
import type { JobStore } from '../ports/job-store.port';
import type { JobEventBus } from '../ports/job-event-bus.port';
import type { JobDispatcher } from '../ports/job-dispatcher.port';
import type { JobHandler } from '../handlers/job-handler';
import { JobHandlerRegistry } from '../handlers/job-handler.registry';
import { JobGraph } from './job-graph';
import { JobLifecycle } from './job-lifecycle';
import { JobRunner } from './job-runner';
import { JobsService } from './jobs.service';
import { JobMaintenance } from './job-maintenance';
import { jobPolicy } from './job-options';
import type { JobMetrics } from './job-metrics';

export type EngineConfig = Pick<AppConfigValues, 'jobMaxAttempts' | 'jobTimeoutMs' | 'retryBaseDelayMs' | 'retentionDays'>;

export interface JobEngineParts {
  store: JobStore;
  bus: JobEventBus;
  dispatcher: JobDispatcher;
  /** The handlers; when omitted, call registerHandlers() before using the engine. */
  handlers?: JobHandler[];
  config: EngineConfig;
  metrics?: JobMetrics;
  /** Job types that must have a handler (default: every type of the contract). */
  expectedTypes?: readonly JobType[];
}

/** The job engine assembled from its ports: the same wiring for Nest, the contract suite and the bench. */
export class JobEngine {
  readonly registry: JobHandlerRegistry;
  readonly lifecycle: JobLifecycle;
  readonly runner: JobRunner;
  readonly jobs: JobsService;
  readonly maintenance: JobMaintenance;
  readonly store: JobStore;
  readonly bus: JobEventBus;
  readonly dispatcher: JobDispatcher;
  private readonly expectedTypes?: readonly JobType[];

  constructor(parts: JobEngineParts) {
    this.store = parts.store;
    this.bus = parts.bus;
    this.dispatcher = parts.dispatcher;
    this.registry = new JobHandlerRegistry(parts.handlers, parts.expectedTypes);
    this.expectedTypes = parts.expectedTypes;
    const policyOf = (job: { type: JobType }) => jobPolicy(job.type, parts.config);
    this.lifecycle = new JobLifecycle(parts.store, parts.bus, parts.dispatcher, new JobGraph(this.registry), policyOf, parts.metrics);
    this.runner = new JobRunner(this.lifecycle, this.registry);
    this.jobs = new JobsService(parts.store, parts.bus, parts.dispatcher, this.registry, this.lifecycle);
    this.maintenance = new JobMaintenance(parts.store, parts.bus, this.lifecycle);
  }

  /** Registers the handlers; fails loudly, naming the type, when a type has none or two. */
  registerHandlers(handlers: JobHandler[]): void {
    this.registry.register(handlers, this.expectedTypes);
  }

  /** Starts running jobs in this process; `recover` re-queues what a crash left running. */
  async startWorkers(options: { recover: boolean }): Promise<void> {
    if (options.recover) await this.maintenance.recover();
    await this.dispatcher.start(this.runner.run);
  }

  async stop(graceMs: number): Promise<void> {
    await this.dispatcher.stop(graceMs);
  }
}
