import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A tmpfs at `dir` (size in KiB; read-only when asked): a real full or read-only disk for a test. Needs root. */
export function mountTmpfs(dir: string, options: { sizeKb: number; readOnly?: boolean }): void {
  mkdirSync(dir, { recursive: true });
  const opts = [`size=${options.sizeKb}k`, ...(options.readOnly ? ['ro'] : [])].join(',');
  execFileSync('mount', ['-t', 'tmpfs', '-o', opts, 'tmpfs', dir], { stdio: 'pipe' });
}

export function unmount(dir: string): void {
  try {
    execFileSync('umount', [dir], { stdio: 'pipe' });
  } catch {
    // Not mounted (the test stopped before mounting it).
  }
}

/** Why tmpfs mounts are not possible here, or undefined when they are. */
export function tmpfsUnavailable(): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-mount-probe-'));
  try {
    mountTmpfs(dir, { sizeKb: 64 });
    unmount(dir);
    return undefined;
  } catch (err) {
    return String((err as { stderr?: Buffer }).stderr ?? err).trim();
  } finally {
    rmdirSync(dir);
  }
}
