// The files half of a backup: the blob files a snapshot refers to, laid out as FileBlobStore does.
import { constants } from 'node:fs';
import { copyFile, mkdir, open, stat } from 'node:fs/promises';
import { join } from 'node:path';

const PARALLEL_COPIES = 8;

export const blobPath = (root, sha) => join(root, sha.slice(0, 2), sha);

/**
 * Copies each blob of `blobs` ({ sha256, byte_size }) from `fromRoot` to `toRoot`. Blob files are
 * content-addressed and never rewritten, and FileBlobStore renames a file into place before it
 * inserts the row, so every row in the snapshot has its final file on disk by now and copying
 * after the snapshot yields exactly the bytes the snapshot names. Partial `.tmp` writes and files
 * no row names are left out.
 */
export async function copyBlobs(blobs, fromRoot, toRoot) {
  const missing = [];
  let bytes = 0;
  // One mkdir per folder, awaited by every copy into it: a second worker must not copy before the folder exists.
  const dirs = new Map();
  let next = 0;
  const worker = async () => {
    while (next < blobs.length) {
      const { sha256, byte_size } = blobs[next++];
      const source = blobPath(fromRoot, sha256);
      const size = await sizeOf(source);
      if (size !== byte_size) {
        missing.push({ sha256, reason: size === undefined ? 'no file' : `${size} bytes on disk, ${byte_size} recorded` });
        continue;
      }
      const dir = join(toRoot, sha256.slice(0, 2));
      if (!dirs.has(dir)) dirs.set(dir, mkdir(dir, { recursive: true }));
      await dirs.get(dir);
      const target = blobPath(toRoot, sha256);
      await copyFile(source, target, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE);
      await fsync(target);
      bytes += size;
    }
  };
  // allSettled: a failed copy must not let the caller clean up while other copies still write.
  const outcomes = await Promise.allSettled(Array.from({ length: PARALLEL_COPIES }, worker));
  const failed = outcomes.find((o) => o.status === 'rejected');
  if (failed) throw failed.reason;
  for (const dir of dirs.keys()) await fsync(dir);
  if (dirs.size) await fsync(toRoot);
  return { copied: blobs.length - missing.length, bytes, missing };
}

async function sizeOf(path) {
  try {
    return (await stat(path)).size;
  } catch (err) {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Flushes a file or a folder (its entries) to the disk. Folders cannot be opened on Windows: skipped there. */
export async function fsync(path) {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    if (err.code === 'EISDIR' || err.code === 'EPERM') return;
    throw err;
  }
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
