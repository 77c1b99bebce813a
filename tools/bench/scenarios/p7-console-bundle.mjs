// P7: size of the console's initial JS (gzipped) from the production build: every script and
// modulepreload named by dist/apps/console/browser/index.html.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { root } from '../lib/workspace.mjs';

const BROWSER = join(root, 'dist/apps/console/browser');
const GOAL = 'initial JS ≤ 350 KB gzipped';

function hasBuildTarget() {
  try {
    return !!JSON.parse(readFileSync(join(root, 'apps/console/project.json'), 'utf8')).targets?.build;
  } catch {
    return false;
  }
}

/** Local JS files the page loads before it runs: <script src> and <link rel="modulepreload">. */
function initialScripts(html) {
  const files = new Set();
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) files.add(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="([^"]+)"|<link\b[^>]*href="([^"]+)"[^>]*rel="modulepreload"/g)) files.add(m[1] ?? m[2]);
  return [...files].filter((f) => !/^(https?:)?\/\//.test(f)).map((f) => f.replace(/^\//, ''));
}

export default {
  id: 'P7',
  title: 'Console initial JS bundle (gzipped)',
  goals: [GOAL],
  async run({ quick, log }) {
    const index = join(BROWSER, 'index.html');
    if (!existsSync(index)) {
      if (quick || !hasBuildTarget()) {
        const why = hasBuildTarget() ? 'no production build at dist/apps/console/browser (quick mode does not build it)' : 'not available yet: apps/console has no build target';
        return { skipped: true, goals: [{ label: GOAL, value: null, met: null, note: why }] };
      }
      log('  building the console (npx nx run console:build)');
      execFileSync('npx', ['nx', 'run', 'console:build', '--outputStyle=stream'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], timeout: 300_000 });
    }
    const html = readFileSync(index, 'utf8');
    const files = initialScripts(html);
    if (files.length === 0) throw new Error('index.html names no script');
    const sizes = files.map((f) => {
      const data = readFileSync(join(BROWSER, f));
      return { file: f, raw: data.length, gzip: gzipSync(data, { level: 9 }).length };
    });
    const gz = sizes.reduce((s, x) => s + x.gzip, 0) / 1024;
    const raw = sizes.reduce((s, x) => s + x.raw, 0) / 1024;
    const built = statSync(index).mtime.toISOString();
    return {
      metrics: [
        { key: 'initial_js_gzip_kb', label: 'initial JS, gzip -9', unit: 'KB', median: Math.round(gz * 10) / 10 },
        { key: 'initial_js_raw_kb', label: 'initial JS, raw', unit: 'KB', median: Math.round(raw * 10) / 10 },
      ],
      goals: [{ label: GOAL, unit: 'KB', value: Math.round(gz * 10) / 10, met: gz <= 350, note: `${files.length} file(s), build of ${built}` }],
      notes: [`files: ${sizes.map((s) => `${s.file} ${(s.gzip / 1024).toFixed(1)} KB gz`).join(', ')}`],
    };
  },
};
