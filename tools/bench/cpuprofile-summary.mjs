#!/usr/bin/env node
// Where a server's time went: sums the self time of a V8 .cpuprofile (node --cpu-prof, or `npm run bench --
// --cpu-prof`) by package or source file and by function, with the main thread's idle and GC shares.
//   node tools/bench/cpuprofile-summary.mjs FILE.cpuprofile [--top 30] [--per N]  (--per: also µs per one of N requests)
//   node tools/bench/cpuprofile-summary.mjs FILE --inclusive 'canActivate|checkQuota'  (time spent inside matching functions)
// Samples are wall-clock: on a busy machine a descheduled thread still counts, so compare shares, A against B.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '30' }, per: { type: 'string' }, inclusive: { type: 'string' } },
});
if (positionals.length !== 1) {
  console.error('usage: node tools/bench/cpuprofile-summary.mjs FILE.cpuprofile [--top N] [--per REQUESTS] [--inclusive REGEX]');
  process.exit(2);
}

const profile = JSON.parse(readFileSync(positionals[0], 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parents = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parents.set(c, n.id);

/** node_modules/<package>, the workspace file (dist/server/libs/jobs/…), node:internal/…, or the VM's own entries. */
function sourceOf(url) {
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const [a, b] = url.slice(nm + 'node_modules/'.length).split('/');
    return `npm ${a.startsWith('@') ? `${a}/${b}` : a}`;
  }
  const dist = url.indexOf('dist/server/');
  if (dist >= 0) return url.slice(dist).split('/').slice(0, 4).join('/');
  return url || '(vm)';
}
const frameOf = (n) => `${n.callFrame.functionName || '(anonymous)'}  ${n.callFrame.url.replace(/^.*?(node_modules\/|dist\/server\/)/, '$1')}:${n.callFrame.lineNumber + 1}`;

const self = new Map();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  total += dt;
  self.set(id, (self.get(id) ?? 0) + dt);
});

const bySource = new Map();
const byFunction = new Map();
const add = (m, k, t) => m.set(k, (m.get(k) ?? 0) + t);
for (const [id, t] of self) {
  const n = nodes.get(id);
  add(bySource, sourceOf(n.callFrame.url), t);
  add(byFunction, frameOf(n), t);
}

const per = args.per ? Number(args.per) : undefined;
const top = Number(args.top);
function print(title, m) {
  console.log(`\n${title}`);
  for (const [k, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    const perReq = per ? `${(t / per).toFixed(0).padStart(6)} µs/req ` : '';
    console.log(`${(t / 1000).toFixed(0).padStart(8)} ms ${((100 * t) / total).toFixed(1).padStart(5)} % ${perReq} ${k}`);
  }
}

const share = (name) => ((100 * (byFunction.get([...byFunction.keys()].find((k) => k.startsWith(`${name} `)) ?? '') ?? 0)) / total).toFixed(1);
console.log(`${positionals[0]}: ${(total / 1e6).toFixed(1)} s sampled; idle ${share('(idle)')} %, garbage collector ${share('(garbage collector)')} %${per ? `; ${per} requests` : ''}`);
print('self time by source', bySource);
print('self time by function', byFunction);

if (args.inclusive) {
  // A function's own time plus its callees', counted once per sample even when it recurses.
  const re = new RegExp(args.inclusive);
  const inclusive = new Map();
  for (const [id, t] of self) {
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parents.get(cur)) {
      const k = frameOf(nodes.get(cur));
      if (re.test(k) && !seen.has(k)) {
        seen.add(k);
        add(inclusive, k, t);
      }
    }
  }
  print(`inclusive time of functions matching /${args.inclusive}/ (synchronous callees only: an await ends the stack)`, inclusive);
}
