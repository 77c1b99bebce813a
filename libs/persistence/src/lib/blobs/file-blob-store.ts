import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AtelierDb } from '../schema';
import { BlobStore, type StoredBlob } from './blob-store.port';
import { sha256Hex } from './sha256';

/**
 * Embedded blobs: bytes under DATA_DIR/blobs/ab/abcdef…, a row in `blobs` for the metadata.
 * Files are written to a temp name and renamed, so a crash never leaves a half file behind.
 */
export class FileBlobStore extends BlobStore {
  constructor(
    private readonly db: AtelierDb,
    private readonly root: string,
  ) {
    super();
  }

  private pathOf(sha: string): string {
    return join(this.root, sha.slice(0, 2), sha);
  }

  async put(data: Buffer, mimeType: string): Promise<StoredBlob> {
    const sha = sha256Hex(data);
    const path = this.pathOf(sha);
    if (!(await exists(path))) {
      await mkdir(join(this.root, sha.slice(0, 2)), { recursive: true });
      // A unique temp name: concurrent uploads of the same bytes each write their own file, and the renames just replace each other.
      const tmp = `${path}.${randomUUID()}.tmp`;
      await writeFile(tmp, data);
      await rename(tmp, path);
    }
    const row = { sha256: sha, mime_type: mimeType, byte_size: data.length, data: null, created_at: new Date().toISOString() };
    await this.db.insertInto('blobs').values(row).onConflict((oc) => oc.column('sha256').doNothing()).execute();
    return { sha256: sha, mime_type: mimeType, byte_size: data.length };
  }

  async get(sha: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.pathOf(sha));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async has(sha: string): Promise<boolean> {
    return exists(this.pathOf(sha));
  }

  async delete(sha: string): Promise<void> {
    await this.db.deleteFrom('blobs').where('sha256', '=', sha).execute();
    await rm(this.pathOf(sha), { force: true });
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
