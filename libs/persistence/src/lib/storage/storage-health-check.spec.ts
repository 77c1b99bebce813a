import { Logger } from '@nestjs/common';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runHealthChecks } from '@atelier/platform';
import { StorageFaults } from './storage-faults';
import { PROBE_REUSE_MS, StorageHealthCheck } from './storage-health-check';

describe('StorageHealthCheck', () => {
  let dir: string;
  let now: number;
  let faults: StorageFaults;
  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    dir = mkdtempSync(join(tmpdir(), 'atelier-probe-'));
    now = 1_000_000;
    faults = new StorageFaults(() => now);
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    jest.restoreAllMocks();
  });

  const run = (check: StorageHealthCheck) => runHealthChecks([check]);

  it('passes on a writable folder and leaves nothing behind; a folder made on first use may not exist yet', async () => {
    const check = new StorageHealthCheck([{ path: dir }, { path: join(dir, 'blobs'), madeOnFirstUse: true }], faults);
    expect(await run(check)).toEqual({ ok: true, checks: { storage: { status: 'ok' } } });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fails while a write failed within the last minute, naming the fault', async () => {
    const check = new StorageHealthCheck([{ path: dir }], faults);
    faults.capture(Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }), join(dir, 'blobs'));
    now += 20_000;
    const { ok, checks } = await run(check);
    expect(ok).toBe(false);
    expect(checks['storage'].detail).toContain(`${join(dir, 'blobs')} is full`);
    expect(checks['storage'].detail).toContain('20 s ago');
    now += 41_000;
    expect((await run(check)).ok).toBe(true);
  });

  it('fails when the data folder is gone', async () => {
    const check = new StorageHealthCheck([{ path: join(dir, 'missing') }], faults);
    const { ok, checks } = await run(check);
    expect(ok).toBe(false);
    expect(checks['storage'].detail).toContain('ENOENT');
  });

  it('lets the checks that arrive together share one probe, and a passed probe answer for a second', async () => {
    const check = new StorageHealthCheck([{ path: dir }], faults, () => now);
    const probes = jest.spyOn(check as unknown as { probe: () => Promise<void> }, 'probe');
    const answers = await Promise.all(Array.from({ length: 50 }, () => run(check)));
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(probes).toHaveBeenCalledTimes(1);

    now += PROBE_REUSE_MS - 1;
    expect((await run(check)).ok).toBe(true);
    expect(probes).toHaveBeenCalledTimes(1);
    now += 1;
    expect((await run(check)).ok).toBe(true);
    expect(probes).toHaveBeenCalledTimes(2);
  });

  it('never reuses a failed probe: the folder back, the next check passes', async () => {
    const folder = join(dir, 'data');
    const check = new StorageHealthCheck([{ path: folder }], faults, () => now);
    expect((await run(check)).ok).toBe(false);
    mkdirSync(folder);
    // Its own failed probe was recorded as a fault: past the fault window, the folder answers again.
    now += 61_000;
    expect((await run(check)).ok).toBe(true);
  });

  it('still fails at once on a failed write of the product, within a passed probe’s second', async () => {
    const check = new StorageHealthCheck([{ path: dir }], faults, () => now);
    expect((await run(check)).ok).toBe(true);
    faults.capture(Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }), dir);
    expect((await run(check)).ok).toBe(false);
  });
});
