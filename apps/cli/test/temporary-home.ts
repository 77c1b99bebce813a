import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temporary home folder for one test (the CLI's config file goes under it), removed by `cleanup`. */
export function temporaryHome(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-cli-home-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
