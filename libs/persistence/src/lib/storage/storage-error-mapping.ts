import { InsufficientStorageError, StorageError, StorageReadOnlyError } from '@atelier/platform';

const FULL = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);
const READ_ONLY = new Set(['EROFS', 'EACCES', 'EPERM']);

/**
 * The typed error for a write the data folder refused (full, or read-only), naming the folder and
 * what to do; undefined for any other error. Looks through `cause`, since the database layer wraps
 * the error of a statement that rolled back its whole batch.
 */
export function toStorageError(error: unknown, folder: string): StorageError | undefined {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof StorageError) return e;
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    if (FULL.has(code)) {
      return new InsufficientStorageError(
        `The data folder ${folder} is full (${code}): nothing can be stored there. Free space on its disk (or raise its quota), then try again.`,
        { cause: error },
      );
    }
    if (READ_ONLY.has(code) || code.startsWith('SQLITE_READONLY')) {
      return new StorageReadOnlyError(
        `The data folder ${folder} is not writable (${code}): nothing can be stored there. Make it writable for the user running Atelier (or point DATA_DIR at a writable folder), then try again.`,
        { cause: error },
      );
    }
  }
  return undefined;
}
