import { hostname } from 'node:os';
import { Logger } from '@nestjs/common';
import { uuidv7 } from '@atelier/platform';
import type { WorkerRegistry } from '../ports/worker-registry.port';
import type { WorkerPresence } from './worker-presence';

export interface JobWorkersOptions {
  /** Interval of the heartbeat; a worker missing 3 in a row is taken for gone. */
  heartbeatMs: number;
  role: string;
  concurrency: number;
  version: string;
}

/** Heartbeats missed before a worker is taken for gone. */
export const MISSED_HEARTBEATS = 3;
/** Workers gone this long are forgotten. */
const FORGET_AFTER_MS = 24 * 3_600_000;

/**
 * This process in the worker registry: it registers when it starts running jobs, heartbeats while
 * it does, and leaves when it stops. Any node asks `isLive` of another worker's id.
 */
export class JobWorkers implements WorkerPresence {
  readonly id = uuidv7();
  private readonly logger = new Logger('JobWorkers');
  private timer?: NodeJS.Timeout;
  private registered = false;
  private failing = false;

  constructor(
    private readonly registry: WorkerRegistry,
    private readonly options: JobWorkersOptions,
  ) {}

  /** The instant before which a heartbeat no longer counts. */
  liveCutoff(now = Date.now()): string {
    return new Date(now - MISSED_HEARTBEATS * this.options.heartbeatMs).toISOString();
  }

  async isLive(workerId: string): Promise<boolean> {
    if (workerId === this.id) return this.registered;
    const live = await this.registry.seenSince(this.liveCutoff());
    return live.some((w) => w.worker_id === workerId);
  }

  /** Ids of every live worker. */
  async liveIds(): Promise<Set<string>> {
    return new Set((await this.registry.seenSince(this.liveCutoff())).map((w) => w.worker_id));
  }

  async start(): Promise<void> {
    const now = new Date().toISOString();
    const { role, concurrency, version } = this.options;
    await this.registry.upsert({ worker_id: this.id, host: hostname(), pid: process.pid, role, concurrency, version, started_at: now, last_seen_at: now });
    this.registered = true;
    this.timer = setInterval(() => void this.beat(), this.options.heartbeatMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    if (!this.registered) return;
    this.registered = false;
    await this.registry.remove(this.id).catch((err: Error) => this.logger.warn(`Leaving the worker registry failed: ${err.message}`));
  }

  private async beat(): Promise<void> {
    try {
      await this.registry.heartbeat(this.id, new Date().toISOString());
      await this.registry.prune(new Date(Date.now() - FORGET_AFTER_MS).toISOString());
      if (this.failing) this.logger.log('Worker heartbeat recorded again');
      this.failing = false;
    } catch (err) {
      // Logged once per outage, not once per beat.
      if (!this.failing) this.logger.error(`Worker heartbeat failed (other nodes will take this worker's jobs if it lasts): ${(err as Error).message}`);
      this.failing = true;
    }
  }
}
