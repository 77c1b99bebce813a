// Paths of the workspace, and the compiled server (dist/server): built when missing or older than its sources.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const distServer = join(root, 'dist/server');
export const require = createRequire(join(root, 'package.json'));

function newestSource(dir, newest = 0) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return newest;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === 'node_modules' || e.name === 'console') continue;
      newest = newestSource(p, newest);
    } else if (e.name.endsWith('.ts')) {
      newest = Math.max(newest, statSync(p).mtimeMs);
    }
  }
  return newest;
}

/** Builds dist/server with tools/build/server.mjs unless it is newer than every server source. */
export function ensureServerBuilt(log = () => {}) {
  const marker = join(distServer, 'package.json');
  const built = existsSync(marker) ? statSync(marker).mtimeMs : 0;
  const sources = Math.max(...['apps/api/src', 'apps/worker/src', 'libs'].map((d) => newestSource(join(root, d))));
  if (built && built >= sources) return false;
  log('building the server (node tools/build/server.mjs)');
  execFileSync(process.execPath, [join(root, 'tools/build/server.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  return true;
}

/** Requires a compiled server module, e.g. `dist('libs/jobs/src/index.js')`. */
export function dist(relative) {
  return require(join(distServer, relative));
}

export function distExists(relative) {
  return existsSync(join(distServer, relative));
}

/** Silences Nest's static Logger (the engine logs every completed job; the bench measures the engine, not the console). */
export function quietNestLogger() {
  const { Logger } = require('@nestjs/common');
  Logger.overrideLogger(['error']);
}
