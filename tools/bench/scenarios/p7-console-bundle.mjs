// P7: size of the console's initial JS (gzipped) from the production build: every script and
// modulepreload named by dist/apps/console/browser/index.html; and the operator dashboard's lazy
// chunks (the page, the chart library it loads, and what opening /dashboard adds to the initial JS).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
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

/** The `./chunk-….js` files a chunk imports statically (`from"./x.js"`, `import"./x.js"`) and dynamically (`import("./x.js")`). */
function importsOf(code) {
  const local = (m) => m[1].replace(/^\.\//, '');
  return {
    static: [...code.matchAll(/(?:from|import)\s*"(\.\/[^"]+\.js)"/g)].map(local),
    dynamic: [...code.matchAll(/import\(\s*"(\.\/[^"]+\.js)"\s*\)/g)].map(local),
  };
}

/** `start` and every chunk it imports statically, leaving out those already loaded. */
function staticClosure(start, read, loaded) {
  const seen = new Set();
  const todo = [start];
  while (todo.length) {
    const file = todo.pop();
    if (seen.has(file) || loaded.has(file)) continue;
    seen.add(file);
    todo.push(...importsOf(read(file)).static);
  }
  return seen;
}

/**
 * The dashboard's chunks, found by content (file names are hashes): the page's chunk holds its
 * component selector, and loads the chart library (uPlot, recognised by its `u-over` layer) with a
 * dynamic import. Opening /dashboard fetches, beyond the initial JS: the route's chunk, the page's
 * chunk with what it imports that the initial JS lacks, and the chart library.
 */
function dashboardChunks(initial) {
  const cache = new Map();
  const read = (f) => {
    if (!cache.has(f)) cache.set(f, readFileSync(join(BROWSER, f), 'utf8'));
    return cache.get(f);
  };
  const chunks = readdirSync(BROWSER).filter((f) => f.endsWith('.js'));
  const page = chunks.find((f) => read(f).includes('"atl-dashboard-page"'));
  if (!page) return null;
  const loaded = new Set(initial);
  const routes = chunks.filter((f) => importsOf(read(f)).dynamic.includes(page));
  const pageFiles = staticClosure(page, read, loaded);
  const chart = [...pageFiles].flatMap((f) => importsOf(read(f)).dynamic).find((f) => read(f).includes('u-over'));
  const chartFiles = chart ? staticClosure(chart, read, new Set([...loaded, ...pageFiles])) : new Set();
  const routeFiles = new Set(routes.flatMap((f) => [...staticClosure(f, read, loaded)]));
  const gzipKb = (files) => [...files].reduce((sum, f) => sum + gzipSync(read(f), { level: 9 }).length, 0) / 1024;
  return {
    page,
    chart,
    pageKb: gzipKb([page]),
    chartKb: chart ? gzipKb([chart]) : null,
    openKb: gzipKb(new Set([...routeFiles, ...pageFiles, ...chartFiles])),
    openFiles: routeFiles.size + pageFiles.size + chartFiles.size,
  };
}

const round = (kb) => Math.round(kb * 10) / 10;

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
    const dashboard = dashboardChunks(files);
    const dashboardMetrics = dashboard
      ? [
          { key: 'dashboard_chunk_gzip_kb', label: 'dashboard page chunk, gzip -9', unit: 'KB', median: round(dashboard.pageKb) },
          ...(dashboard.chartKb === null ? [] : [{ key: 'dashboard_chart_lib_gzip_kb', label: 'dashboard chart library (uPlot) chunk, gzip -9', unit: 'KB', median: round(dashboard.chartKb) }]),
          { key: 'dashboard_open_gzip_kb', label: 'opening /dashboard: JS beyond the initial, gzip -9', unit: 'KB', median: round(dashboard.openKb) },
        ]
      : [];
    return {
      metrics: [
        { key: 'initial_js_gzip_kb', label: 'initial JS, gzip -9', unit: 'KB', median: round(gz) },
        { key: 'initial_js_raw_kb', label: 'initial JS, raw', unit: 'KB', median: round(raw) },
        ...dashboardMetrics,
      ],
      goals: [{ label: GOAL, unit: 'KB', value: round(gz), met: gz <= 350, note: `${files.length} file(s), build of ${built}` }],
      notes: [
        `files: ${sizes.map((s) => `${s.file} ${(s.gzip / 1024).toFixed(1)} KB gz`).join(', ')}`,
        dashboard
          ? `dashboard: page ${dashboard.page}, chart library ${dashboard.chart ?? 'not found'}; opening /dashboard fetches ${dashboard.openFiles} file(s) beyond the initial JS`
          : 'dashboard: no chunk holds the dashboard page (a build from before the operator pages?)',
      ],
    };
  },
};
