import { Logger } from '@nestjs/common';
import { InsufficientStorageError } from '@atelier/platform';
import { StorageFaults } from './storage-faults';

const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

describe('StorageFaults', () => {
  let now: number;
  let faults: StorageFaults;
  let logged: string[];
  beforeEach(() => {
    now = 1_000_000;
    faults = new StorageFaults(() => now);
    logged = [];
    jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => void logged.push(String(message)));
  });
  afterEach(() => jest.restoreAllMocks());

  it('turns a refused write into a typed error and keeps other errors as they are', () => {
    expect(faults.capture(enospc(), '/data')).toBeInstanceOf(InsufficientStorageError);
    const other = new Error('boom');
    expect(faults.capture(other, '/data')).toBe(other);
  });

  it('logs a repeating fault once a minute, saying how many it held back', () => {
    for (let i = 0; i < 50; i++) {
      faults.capture(enospc(), '/data');
      now += 250;
    }
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('/data is full');
    now += 60_000;
    faults.capture(enospc(), '/data');
    expect(logged).toHaveLength(2);
    expect(logged[1]).toContain('(49 more since the last report)');
  });

  it('logs a different kind of fault at once, and the same kind met elsewhere not again', () => {
    faults.capture(enospc(), '/data/blobs');
    faults.capture(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }), '/data');
    expect(logged).toHaveLength(1);
    faults.capture(Object.assign(new Error('read-only'), { code: 'EROFS' }), '/data');
    expect(logged).toHaveLength(2);
  });

  it('does not record again a fault that is already typed', () => {
    const fault = faults.capture(enospc(), '/data');
    now += 120_000;
    expect(faults.capture(fault, '/data')).toBe(fault);
    expect(logged).toHaveLength(1);
    expect(faults.recent(60_000)).toBeUndefined();
  });

  it('remembers the latest fault for a while', () => {
    expect(faults.recent(60_000)).toBeUndefined();
    faults.capture(enospc(), '/data');
    now += 30_000;
    expect(faults.recent(60_000)).toMatchObject({ ageMs: 30_000 });
    now += 31_000;
    expect(faults.recent(60_000)).toBeUndefined();
  });
});
