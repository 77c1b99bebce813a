import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The version of the nearest package.json above this file that has one (dist/cli's, written by the build, or the repo's). */
export function cliVersion(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    try {
      const version = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
      if (typeof version === 'string') return version;
    } catch {
      // No package.json here (or not one with a version): look further up.
    }
    if (dirname(dir) === dir) return 'unknown';
  }
}
