import { Logger } from '@nestjs/common';
import type { StorageError } from '@atelier/platform';
import { RepeatGate } from './repeat-gate';
import { toStorageError } from './storage-error-mapping';

const LOG_EVERY_MS = 60_000;

/**
 * The storage faults this process met: each kind logged once a minute at most (with how many were
 * held back), and the latest kept for the `storage` health check.
 */
export class StorageFaults {
  private readonly logger = new Logger('Storage');
  private readonly gate: RepeatGate;
  private latest?: { error: StorageError; at: number };

  constructor(private readonly now: () => number = Date.now) {
    this.gate = new RepeatGate(LOG_EVERY_MS, now);
  }

  /** The typed, recorded StorageError when `error` is a write the folder refused; otherwise `error` itself. */
  capture(error: unknown, folder: string): unknown {
    const fault = toStorageError(error, folder);
    if (!fault) return error;
    if (fault !== error) this.record(fault);
    return fault;
  }

  record(fault: StorageError): void {
    this.latest = { error: fault, at: this.now() };
    // One line per kind of fault (full, read-only), whichever folder or layer met it.
    const held = this.gate.pass(fault.code);
    if (held === undefined) return;
    this.logger.error(held ? `${fault.message} (${held} more since the last report)` : fault.message);
  }

  /** The latest fault, if it happened within `windowMs`. */
  recent(windowMs: number): { error: StorageError; ageMs: number } | undefined {
    if (!this.latest) return undefined;
    const ageMs = this.now() - this.latest.at;
    return ageMs <= windowMs ? { error: this.latest.error, ageMs } : undefined;
  }
}
