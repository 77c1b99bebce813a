import { Logger } from '@nestjs/common';
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
import type { WorkerRegistry } from '../ports/worker-registry.port';
import { MemoryWorkerRegistry } from '../drivers/memory-worker-registry';
import { JobWorkers } from './job-workers';
import type { JobTimelineStore } from '../ports/job-timeline.port';
import { MemoryJobTimeline } from '../drivers/memory-job-timeline';
import { JobTimelineRecorder } from './job-timeline-recorder';
import { MemoryQueueStateStore, type QueueStateStore } from '../ports/queue-state.port';
import { QueueControl } from './queue-control';

export type EngineConfig = Pick<AppConfigValues, 'jobMaxAttempts' | 'jobTimeoutMs' | 'retryBaseDelayMs' | 'retentionDays'> &
  Partial<Pick<AppConfigValues, 'workerHeartbeatMs' | 'workerConcurrency'>>;

const DEFAULT_HEARTBEAT_MS = 2000;

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
  /** Where workers heartbeat (default: in memory, for a single process). */
  workerRegistry?: WorkerRegistry;
  /** How this process shows in the worker registry. */
  role?: string;
  version?: string;
  /** Where job timelines are kept (default: in memory). */
  timeline?: JobTimelineStore;
  /** Where queues' paused states are kept (default: in memory). */
  queueStates?: QueueStateStore;
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
  readonly workers: JobWorkers;
  readonly timeline: JobTimelineStore;
  readonly queues: QueueControl;
  private readonly expectedTypes?: readonly JobType[];
  private readonly heartbeatMs: number;
  private readonly sweepLogger = new Logger('JobSweeper');
  private sweepTimer?: NodeJS.Timeout;
  private sweeping?: Promise<unknown>;

  constructor(parts: JobEngineParts) {
    this.store = parts.store;
    this.bus = parts.bus;
    this.dispatcher = parts.dispatcher;
    this.registry = new JobHandlerRegistry(parts.handlers, parts.expectedTypes);
    this.expectedTypes = parts.expectedTypes;
    this.heartbeatMs = parts.config.workerHeartbeatMs ?? DEFAULT_HEARTBEAT_MS;
    this.workers = new JobWorkers(parts.workerRegistry ?? new MemoryWorkerRegistry(), {
      heartbeatMs: this.heartbeatMs,
      role: parts.role ?? 'embedded',
      concurrency: parts.config.workerConcurrency ?? 0,
      version: parts.version ?? 'dev',
    });
    const policyOf = (job: { type: JobType }) => jobPolicy(job.type, parts.config);
    this.timeline = parts.timeline ?? new MemoryJobTimeline();
    const recorder = new JobTimelineRecorder(this.timeline);
    this.lifecycle = new JobLifecycle(parts.store, parts.bus, parts.dispatcher, new JobGraph(this.registry), policyOf, this.workers, recorder, parts.metrics);
    this.jobs = new JobsService(parts.store, parts.bus, parts.dispatcher, this.registry, this.lifecycle);
    this.maintenance = new JobMaintenance(parts.store, parts.bus, this.lifecycle, this.workers, parts.dispatcher);
    this.queues = new QueueControl(parts.queueStates ?? new MemoryQueueStateStore(), parts.bus, this.maintenance, this.heartbeatMs);
    this.runner = new JobRunner(this.lifecycle, this.registry, (type) => this.queues.holds(type));
  }

  /** Registers the handlers; fails loudly, naming the type, when a type has none or two. */
  registerHandlers(handlers: JobHandler[]): void {
    this.registry.register(handlers, this.expectedTypes);
  }

  /** Starts running jobs in this process; `recover` re-queues what a crash left running. */
  async startWorkers(options: { recover: boolean }): Promise<void> {
    await this.queues.start();
    if (options.recover) await this.maintenance.recover();
    await this.workers.start();
    await this.dispatcher.start(this.runner.run);
  }

  /**
   * Sweeps for running jobs whose worker is gone, every heartbeat interval (every node does, and
   * the conditional transitions make concurrent sweeps act once).
   */
  startSweeper(): void {
    if (this.sweepTimer) return;
    this.sweepTimer = setInterval(() => {
      if (this.sweeping) return;
      this.sweeping = this.maintenance
        .sweepOrphans()
        .catch((err: Error) => this.sweepLogger.warn(`Sweep for orphaned running jobs failed: ${err.message}`))
        .finally(() => (this.sweeping = undefined));
    }, this.heartbeatMs);
    this.sweepTimer.unref();
  }

  async stop(graceMs: number): Promise<void> {
    clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
    this.queues.stop();
    await this.sweeping;
    await this.dispatcher.stop(graceMs);
    await this.workers.stop();
    await this.timeline.flush();
  }
}
