import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@atelier/platform';
import { ATELIER_DB, type AtelierDb } from '@atelier/persistence';
import { IdempotencyStore, idempotencyTimes } from './idempotency.store';

const MAX_INTERVAL_MS = 10 * 60_000;

/** Deletes idempotency records past IDEMPOTENCY_TTL_MS now and then (reads already ignore them). Every node may run it. */
@Injectable()
export class IdempotencyJanitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Idempotency');
  private readonly store: IdempotencyStore;
  private readonly intervalMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(@Inject(ATELIER_DB) db: AtelierDb, @Inject(AppConfig) config: AppConfig) {
    this.store = new IdempotencyStore(db, idempotencyTimes(config));
    this.intervalMs = Math.min(MAX_INTERVAL_MS, config.values.idempotencyTtlMs);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.sweep(), this.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private sweep(): void {
    if (this.running) return;
    this.running = this.store
      .deleteExpired()
      .then(
        (n) => void (n > 0 && this.logger.debug(`${n} expired idempotency keys deleted`)),
        (err: unknown) => this.logger.warn(`Expired idempotency keys not deleted (next try in ${this.intervalMs} ms): ${String(err)}`),
      )
      .finally(() => (this.running = undefined));
  }
}
