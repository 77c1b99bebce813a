import { randomUUID } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { HealthCheck } from '@atelier/platform';
import type { StorageFaults } from './storage-faults';

/** A write that failed this recently still fails the check: a tiny probe can pass where an upload cannot. */
const FAULT_WINDOW_MS = 60_000;

/**
 * How long a passed probe answers for the folders. A probe is a durable write per folder (two
 * fsyncs in all); probes every load balancer, orchestrator and dashboard fire at once, or a storm
 * of them during a reconnect storm (bench P8), would queue those writes behind each other.
 */
export const PROBE_REUSE_MS = 1000;

export interface ProbedFolder {
  path: string;
  /** Made by the first write into it (the blobs folder): until then its parent answers for it. */
  madeOnFirstUse?: boolean;
}

/** The `storage` readiness probe: each data folder takes a small durable write, and no write failed lately. */
export class StorageHealthCheck implements HealthCheck {
  readonly name = 'storage';

  /** The probe in progress, which every check that arrives meanwhile waits for, instead of writing its own. */
  private probing?: Promise<void>;
  private passedAt = -Infinity;

  constructor(
    private readonly folders: ProbedFolder[],
    private readonly faults: StorageFaults,
    private readonly now: () => number = Date.now,
  ) {}

  // A bound function: the health runner calls `check` on its own.
  readonly check = async (): Promise<void> => {
    if (this.now() - this.passedAt >= PROBE_REUSE_MS) await (this.probing ??= this.probeAll());
    // Failed writes of the product itself count at every check, however recent the last probe.
    const recent = this.faults.recent(FAULT_WINDOW_MS);
    if (recent) throw new Error(`${recent.error.message} (last failed write ${Math.round(recent.ageMs / 1000)} s ago)`);
  };

  private async probeAll(): Promise<void> {
    try {
      for (const folder of this.folders) await this.probe(folder);
      this.passedAt = this.now();
    } finally {
      this.probing = undefined;
    }
  }

  private async probe({ path, madeOnFirstUse }: ProbedFolder): Promise<void> {
    const file = join(path, `.storage-probe-${randomUUID()}`);
    let handle;
    try {
      handle = await open(file, 'wx');
      await handle.write('probe');
      await handle.sync();
    } catch (err) {
      if (madeOnFirstUse && !handle && (err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw this.faults.capture(err, path);
    } finally {
      await handle?.close().catch(() => undefined);
      await rm(file, { force: true }).catch(() => undefined);
    }
  }
}
