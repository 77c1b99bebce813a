import { InsufficientStorageError, StorageReadOnlyError } from '@atelier/platform';
import { toStorageError } from './storage-error-mapping';

const errno = (code: string) => Object.assign(new Error(`${code}: failed, write`), { code });

describe('toStorageError', () => {
  it.each(['ENOSPC', 'EDQUOT', 'SQLITE_FULL'])('maps %s to 507 insufficient_storage, naming the folder and what to do', (code) => {
    const fault = toStorageError(errno(code), '/srv/atelier/data');
    expect(fault).toBeInstanceOf(InsufficientStorageError);
    expect(fault).toMatchObject({ status: 507, code: 'insufficient_storage', retryable: true });
    expect(fault!.message).toContain('/srv/atelier/data');
    expect(fault!.message).toMatch(/free space/i);
  });

  it.each(['EROFS', 'EACCES', 'EPERM', 'SQLITE_READONLY', 'SQLITE_READONLY_DBMOVED'])('maps %s to 503 storage_read_only', (code) => {
    const fault = toStorageError(errno(code), '/srv/atelier/data');
    expect(fault).toBeInstanceOf(StorageReadOnlyError);
    expect(fault).toMatchObject({ status: 503, code: 'storage_read_only' });
    expect(fault!.message).toContain('/srv/atelier/data');
    expect(fault!.message).toMatch(/writable/);
  });

  it('finds the fault behind a wrapping error (a batch rolled back by another statement)', () => {
    const wrapped = new Error('The transaction was rolled back: database or disk is full', { cause: errno('SQLITE_FULL') });
    expect(toStorageError(wrapped, '/d')).toBeInstanceOf(InsufficientStorageError);
  });

  it('leaves other errors alone', () => {
    expect(toStorageError(errno('ENOENT'), '/d')).toBeUndefined();
    expect(toStorageError(errno('SQLITE_CONSTRAINT_UNIQUE'), '/d')).toBeUndefined();
    expect(toStorageError(new Error('boom'), '/d')).toBeUndefined();
    expect(toStorageError(undefined, '/d')).toBeUndefined();
  });
});
