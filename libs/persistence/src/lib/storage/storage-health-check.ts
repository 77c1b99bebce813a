import { randomUUID } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { HealthCheck } from '@atelier/platform';
import type { StorageFaults } from './storage-faults';

/** A write that failed this recently still fails the check: a tiny probe can pass where an upload cannot. */
const FAULT_WINDOW_MS = 60_000;

export interface ProbedFolder {
  path: string;
  /** Made by the first write into it (the blobs folder): until then its parent answers for it. */
  madeOnFirstUse?: boolean;
}

/** The `storage` readiness probe: each data folder takes a small durable write, and no write failed lately. */
export class StorageHealthCheck implements HealthCheck {
  readonly name = 'storage';

  constructor(
    private readonly folders: ProbedFolder[],
    private readonly faults: StorageFaults,
  ) {}

  // A bound function: the health runner calls `check` on its own.
  readonly check = async (): Promise<void> => {
    for (const folder of this.folders) await this.probe(folder);
    const recent = this.faults.recent(FAULT_WINDOW_MS);
    if (recent) throw new Error(`${recent.error.message} (last failed write ${Math.round(recent.ageMs / 1000)} s ago)`);
  };

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
