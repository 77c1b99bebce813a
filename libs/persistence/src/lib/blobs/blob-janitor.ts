import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, StorageError } from '@atelier/platform';
import { ATELIER_DB, type AtelierDb } from '../schema';
import { BlobStore } from './blob-store.port';
import { findUnreferencedBlobs } from './blob-references';

/** Older than this, an unreferenced blob or a temp file is a leftover: no upload takes that long between its steps. */
export const BLOB_LEFTOVER_AGE_MS = 60 * 60_000;
const PAGE = 200;

export interface BlobSweep {
  orphans: number;
  temporaryFiles: number;
}

/**
 * Removes what interrupted uploads leave behind (a process killed mid-upload): blobs no image
 * references and temporary files, once older than BLOB_LEFTOVER_AGE_MS. Runs at boot and then
 * every JOB_CLEANUP_INTERVAL_MS.
 */
@Injectable()
export class BlobJanitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('BlobJanitor');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(ATELIER_DB) private readonly db: AtelierDb,
    private readonly blobs: BlobStore,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.sweepInBackground(), this.config.values.cleanupIntervalMs);
    this.timer.unref();
    this.sweepInBackground();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async sweep(now = Date.now()): Promise<BlobSweep> {
    const before = new Date(now - BLOB_LEFTOVER_AGE_MS);
    let orphans = 0;
    let cursor = '';
    for (;;) {
      const candidates = await findUnreferencedBlobs(this.db, before, PAGE, cursor);
      orphans += (await this.blobs.deleteUnreferenced(candidates, before)).length;
      if (candidates.length < PAGE) break;
      cursor = candidates[candidates.length - 1];
    }
    return { orphans, temporaryFiles: await this.blobs.removeInterruptedWrites(before) };
  }

  private sweepInBackground(): void {
    if (this.running) return;
    this.running = this.sweep()
      .then(
        ({ orphans, temporaryFiles }) => {
          if (orphans || temporaryFiles) this.logger.log(`Removed ${orphans} unreferenced blob(s) and ${temporaryFiles} temporary file(s) left by interrupted uploads`);
        },
        (err: Error) => {
          // A storage fault is already logged (rate-limited) by the store that met it.
          if (!(err instanceof StorageError)) this.logger.warn(`Blob cleanup failed: ${err.message}`);
        },
      )
      .finally(() => (this.running = undefined));
  }
}
