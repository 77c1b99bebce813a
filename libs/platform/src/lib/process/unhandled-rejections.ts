import { Logger } from '@nestjs/common';
import { Counter, type Registry } from 'prom-client';

/**
 * A rejection that nobody handled is a bug, but it must not end the process: every job and
 * request in flight would die with it. Each one is logged with its stack and counted
 * (`atelier_unhandled_rejections_total`), so the bug is seen and fixed rather than hidden.
 */
export class UnhandledRejectionGuard {
  private static installed?: UnhandledRejectionGuard;
  private readonly logger = new Logger('Process');
  private readonly counter: Counter;
  private readonly listener = (reason: unknown) => this.record(reason);

  private constructor(registry: Registry) {
    this.counter = new Counter({
      name: 'atelier_unhandled_rejections_total',
      help: 'Promise rejections that no code handled (logged, not fatal)',
      registers: [registry],
    });
    process.on('unhandledRejection', this.listener);
  }

  /** Installs the guard once per process; later calls answer the installed one. */
  static install(registry: Registry): UnhandledRejectionGuard {
    return (UnhandledRejectionGuard.installed ??= new UnhandledRejectionGuard(registry));
  }

  /** Removes the guard (tests). */
  static uninstall(): void {
    const guard = UnhandledRejectionGuard.installed;
    if (guard) process.off('unhandledRejection', guard.listener);
    UnhandledRejectionGuard.installed = undefined;
  }

  async count(): Promise<number> {
    return (await this.counter.get()).values[0]?.value ?? 0;
  }

  private record(reason: unknown): void {
    this.counter.inc();
    const detail = reason instanceof Error ? (reason.stack ?? reason.message) : JSON.stringify(reason);
    this.logger.error(`Unhandled promise rejection (kept running): ${detail}`);
  }
}
