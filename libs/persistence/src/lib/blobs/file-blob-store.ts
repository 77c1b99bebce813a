import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { AtelierDb } from '../schema';
import { StorageFaults } from '../storage/storage-faults';
import { BlobStore, type StoredBlob } from './blob-store.port';
import { deleteUnreferencedRows } from './blob-references';
import { sha256Hex } from './sha256';

const TEMP_SUFFIX = '.tmp';

/**
 * Embedded blobs: bytes under DATA_DIR/blobs/ab/abcdef…, a row in `blobs` for the metadata.
 * Files are written to a temp name and renamed, so a crash never leaves a half file under a blob's
 * name; a write that fails removes its temp file, and one a crash interrupted is swept later.
 */
export class FileBlobStore extends BlobStore {
  /** Puts in progress, by sha256: the sweep leaves their files alone. */
  private readonly storing = new Map<string, number>();
  /** Files the sweep is removing, by sha256: a put of the same bytes waits, then writes them anew. */
  private readonly removing = new Map<string, Promise<void>>();

  constructor(
    private readonly db: AtelierDb,
    private readonly root: string,
    private readonly faults = new StorageFaults(),
  ) {
    super();
  }

  private pathOf(sha: string): string {
    return join(this.root, sha.slice(0, 2), sha);
  }

  async put(data: Buffer, mimeType: string): Promise<StoredBlob> {
    const sha = sha256Hex(data);
    this.storing.set(sha, (this.storing.get(sha) ?? 0) + 1);
    try {
      await this.removing.get(sha);
      const path = this.pathOf(sha);
      if (!(await exists(path))) await this.writeAtomically(path, data);
      const row = { sha256: sha, mime_type: mimeType, byte_size: data.length, data: null, created_at: new Date().toISOString() };
      await this.db
        .insertInto('blobs')
        .values(row)
        .onConflict((oc) => oc.column('sha256').doUpdateSet({ created_at: row.created_at }))
        .execute();
    } catch (err) {
      throw this.faults.capture(err, this.root);
    } finally {
      const left = (this.storing.get(sha) ?? 1) - 1;
      if (left > 0) this.storing.set(sha, left);
      else this.storing.delete(sha);
    }
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

  async deleteUnreferenced(candidates: string[], before: Date): Promise<string[]> {
    // Claimed before the rows go: a put that starts now waits for the file's removal and writes it again.
    const claimed = candidates.filter((sha) => !this.storing.has(sha) && !this.removing.has(sha));
    let release!: () => void;
    const removed = new Promise<void>((resolve) => (release = resolve));
    for (const sha of claimed) this.removing.set(sha, removed);
    try {
      const deleted = await deleteUnreferencedRows(this.db, claimed, before);
      for (const sha of deleted) await rm(this.pathOf(sha), { force: true });
      return deleted;
    } catch (err) {
      throw this.faults.capture(err, this.root);
    } finally {
      for (const sha of claimed) this.removing.delete(sha);
      release();
    }
  }

  async removeInterruptedWrites(before: Date): Promise<number> {
    let removed = 0;
    try {
      for (const folder of await listOrEmpty(this.root)) {
        for (const name of await listOrEmpty(join(this.root, folder))) {
          if (!name.endsWith(TEMP_SUFFIX)) continue;
          const file = join(this.root, folder, name);
          const info = await stat(file).catch(() => undefined);
          if (!info || info.mtimeMs >= before.getTime()) continue;
          await rm(file, { force: true });
          removed++;
        }
      }
    } catch (err) {
      throw this.faults.capture(err, this.root);
    }
    return removed;
  }

  private async writeAtomically(path: string, data: Buffer): Promise<void> {
    await ensureDir(dirname(path));
    // A unique temp name: concurrent uploads of the same bytes each write their own file, and the renames just replace each other.
    const tmp = `${path}.${randomUUID()}${TEMP_SUFFIX}`;
    try {
      await writeFile(tmp, data);
      await rename(tmp, path);
    } catch (err) {
      await rm(tmp, { force: true }).catch(() => undefined);
      throw err;
    }
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

/**
 * mkdir -p, one level at a time: Node's recursive mkdir reports a read-only or full disk as ENOENT
 * on the first missing folder, which hides what to fix.
 */
async function ensureDir(dir: string): Promise<void> {
  try {
    await mkdir(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    if (code !== 'ENOENT' || dirname(dir) === dir) throw err;
    await ensureDir(dirname(dir));
    await mkdir(dir).catch((again: NodeJS.ErrnoException) => {
      if (again.code !== 'EEXIST') throw again;
    });
  }
}

async function listOrEmpty(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
    throw err;
  }
}
