import { JobEngine } from '../../lib/engine/job-engine';
import type { JobStore } from '../../lib/ports/job-store.port';
import type { JobEventBus } from '../../lib/ports/job-event-bus.port';
import type { JobDispatcher } from '../../lib/ports/job-dispatcher.port';
import type { CreateJobSpec } from '../../lib/engine/jobs.service';
import { BehaviourBook, fakeHandlers } from '../fake-handlers';

export interface EngineDrivers {
  store: JobStore;
  bus: JobEventBus;
  dispatcher: JobDispatcher;
  close(): Promise<void>;
  /** Opens new drivers over the same database (after close()), as a restarted process would. */
  reopen(): Promise<EngineDrivers>;
}

export interface DriverOptions {
  concurrency: number;
  typeConcurrency: Record<string, number>;
}

export interface ContractOptions {
  /** Whether this driver set recovers crashed jobs by a boot scan (embedded) rather than by its queue. */
  bootRecovery: boolean;
}

export type DriverFactory = (options: DriverOptions) => Promise<EngineDrivers>;

export const CONTRACT_ENGINE_CONFIG = { jobMaxAttempts: 3, jobTimeoutMs: 5_000, retryBaseDelayMs: 20, retentionDays: 7, workerHeartbeatMs: 100 };
type EngineConfig = typeof CONTRACT_ENGINE_CONFIG;

/** One engine over one driver set, with fake handlers each case scripts through `book`. */
export class ContractHarness {
  drivers!: EngineDrivers;
  engine!: JobEngine;
  book!: BehaviourBook;
  private config: EngineConfig = CONTRACT_ENGINE_CONFIG;

  constructor(
    private readonly makeDrivers: DriverFactory,
    readonly contract: ContractOptions,
  ) {}

  async boot(options: Partial<DriverOptions> = {}, engineConfig: Partial<EngineConfig> = {}): Promise<void> {
    this.drivers = await this.makeDrivers({ concurrency: options.concurrency ?? 4, typeConcurrency: options.typeConcurrency ?? {} });
    this.config = { ...CONTRACT_ENGINE_CONFIG, ...engineConfig };
    await this.start(this.contract.bootRecovery);
  }

  /** A crash and restart: close the drivers, reopen them over the same database, recover. */
  async restart(): Promise<void> {
    await this.drivers.close();
    this.drivers = await this.drivers.reopen();
    await this.start(true);
  }

  analyze(analyzer: string, extra: Partial<CreateJobSpec<'analyze'>> = {}) {
    return this.engine.jobs.create({ type: 'analyze', title: `${analyzer} analysis`, input: { analyzer, image_id: 'img' }, ...extra });
  }

  async shutdown(): Promise<void> {
    await this.engine?.stop(0);
    await this.drivers?.close();
  }

  private async start(recover: boolean): Promise<void> {
    this.book = new BehaviourBook();
    this.engine = new JobEngine({ ...this.drivers, handlers: fakeHandlers(this.book), config: this.config });
    await this.engine.startWorkers({ recover });
  }
}
