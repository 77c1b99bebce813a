import { Injectable, Logger } from '@nestjs/common';

/**
 * Whether this process is draining: a shutdown signal arrived, running jobs get their grace
 * period, and meanwhile health answers 503 (so a load balancer moves away) and no new job is taken.
 */
@Injectable()
export class ShutdownState {
  private readonly logger = new Logger('Shutdown');
  private drainingSince?: number;

  get draining(): boolean {
    return this.drainingSince !== undefined;
  }

  beginDraining(reason: string): void {
    if (this.draining) return;
    this.drainingSince = Date.now();
    this.logger.log(`${reason}: draining (health answers 503, requests that create jobs are refused)`);
  }

  /**
   * Starts draining at the first of these signals. Call it before `enableShutdownHooks`: listeners
   * run in the order they were added, so the flag is up before Nest's hooks wait for running jobs.
   * `once`, so that the signal Nest raises again at the end still ends the process.
   */
  drainOn(signals: NodeJS.Signals[]): void {
    for (const signal of signals) process.once(signal, () => this.beginDraining(signal));
  }
}
