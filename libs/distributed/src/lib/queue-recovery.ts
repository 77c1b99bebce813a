import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { JobEngine } from '@atelier/jobs';
import type { QueueConnection } from './connections/queue-connection';
import type { BullMqDispatcher } from './dispatch/bullmq-dispatcher';

/**
 * Keeps the queue whole when Redis loses its memory (a restart without persistence, a
 * failover to an empty replica): the first process to see the empty server hands every job the
 * store still has queued back to BullMQ. Jobs that were running finish on their workers, which
 * record the outcome in PostgreSQL. Duplicates are harmless: a second start is refused. At boot it
 * also hands over what an earlier version left in its per-type queues.
 */
export class QueueRecovery implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('QueueRecovery');
  private readonly token = randomUUID();
  private sweeping?: Promise<void>;
  private readonly onReady = () => void this.sweepIfEmpty();

  constructor(
    private readonly engine: JobEngine,
    private readonly connection: QueueConnection,
    private readonly dispatcher: Pick<BullMqDispatcher, 'migrateLegacyQueues'>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.connection.on('ready', this.onReady);
    await this.sweepIfEmpty();
    // In the background: with Redis away, reading the old queues waits for it, and the boot must not.
    void this.migrateLegacyQueues();
  }

  /** Jobs an earlier version queued in its per-type queues run from the one queue now. */
  async migrateLegacyQueues(): Promise<void> {
    try {
      const moved = await this.dispatcher.migrateLegacyQueues();
      if (moved) this.logger.log(`Moved ${moved} queued job(s) from the per-type queues of an earlier version to the one queue`);
    } catch (err) {
      this.logger.warn(`Moving the per-type queues of an earlier version failed: ${(err as Error).message}`);
    }
  }

  onApplicationShutdown(): void {
    this.connection.off('ready', this.onReady);
  }

  sweepIfEmpty(): Promise<void> {
    this.sweeping ??= (async () => {
      try {
        if (!(await this.connection.claimIncarnation(this.token))) return;
        const resumed = await this.engine.maintenance.resumeQueued();
        this.logger.log(`The queue started empty; handed ${resumed} queued job(s) back to it`);
      } catch (err) {
        this.logger.warn(`Queue recovery failed: ${(err as Error).message}`);
      } finally {
        this.sweeping = undefined;
      }
    })();
    return this.sweeping;
  }
}
