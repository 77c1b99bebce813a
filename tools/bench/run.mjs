#!/usr/bin/env node
// The benchmark harness: `npm run bench` (full, < 10 min on 2 cores, writes docs/benchmarks.md)
// or `npm run bench -- --quick` (about a minute, for CI; goals are reported, never enforced).
//   --only P1,P3   run only these scenarios     --skip P7   leave these out
//   --docs / --no-docs   force writing docs/benchmarks.md or not (default: full runs write it)
//   --cpu-prof   every server started writes a V8 CPU profile to dist/bench/cpu-profiles/ (read one with
//                tools/bench/cpuprofile-summary.mjs); profiling slows the server: such a run writes the docs only with --docs
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { machineInfo } from './lib/machine.mjs';
import { printTable, writeResults } from './lib/report.mjs';
import { killAllServers, serverNodeArgs } from './lib/server.mjs';
import { ensureServerBuilt, quietNestLogger, root } from './lib/workspace.mjs';
import { SCENARIOS } from './scenarios/index.mjs';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    skip: { type: 'string' },
    docs: { type: 'boolean' },
    'no-docs': { type: 'boolean' },
    'cpu-prof': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
});
if (args.help) {
  console.log('usage: npm run bench [-- --quick] [--only P1,P3] [--skip P7] [--docs | --no-docs] [--cpu-prof]');
  process.exit(0);
}

const list = (s) => (s ? s.split(',').map((x) => x.trim().toUpperCase()).filter(Boolean) : undefined);
const only = list(args.only);
const skip = list(args.skip) ?? [];
const quick = args.quick;
const selected = SCENARIOS.filter((s) => (!only || only.includes(s.id)) && !skip.includes(s.id));
const writeDocs = args['no-docs'] ? false : (args.docs ?? (!quick && !only && skip.length === 0 && !args['cpu-prof']));
// A scenario that hangs must not hang the harness (or CI).
const SCENARIO_TIMEOUT_MS = (quick ? 90 : 240) * 1000;

const log = (msg) => console.log(`[bench] ${msg}`);

const profileDir = args['cpu-prof'] ? join(root, 'dist/bench/cpu-profiles', new Date().toISOString().replace(/[:.]/g, '-')) : undefined;
if (profileDir) {
  mkdirSync(profileDir, { recursive: true });
  serverNodeArgs.push('--cpu-prof', `--cpu-prof-dir=${profileDir}`);
}

process.on('SIGINT', () => {
  killAllServers();
  process.exit(130);
});

async function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const started = Date.now();
ensureServerBuilt(log);
quietNestLogger();
const results = {
  date: new Date().toISOString(),
  quick,
  machine: await machineInfo(),
  scenarios: [],
};
log(`${quick ? 'quick' : 'full'} run of ${selected.map((s) => s.id).join(', ')} on ${results.machine.cores} × ${results.machine.cpu}`);

let crashed = false;
for (const scenario of selected) {
  const t0 = Date.now();
  log(`${scenario.id} ${scenario.title}`);
  const entry = { id: scenario.id, title: scenario.title };
  try {
    // A scenario may declare that a full run needs longer (P9 seeds a million jobs twice); quick runs keep CI's bound.
    const timeoutMs = quick ? SCENARIO_TIMEOUT_MS : Math.max(SCENARIO_TIMEOUT_MS, (scenario.fullRunSeconds ?? 0) * 1000);
    const out = await withTimeout(scenario.run({ quick, log: (m) => log(`${scenario.id} ${m}`) }), timeoutMs, scenario.id);
    Object.assign(entry, { status: out.skipped ? 'skipped' : 'ok', ...out });
  } catch (err) {
    crashed = true;
    Object.assign(entry, { status: 'error', error: err?.message ?? String(err), goals: scenario.goals?.map((label) => ({ label, value: null, met: null })) });
    console.error(err?.stack ?? err);
  } finally {
    killAllServers();
  }
  entry.seconds = Math.round((Date.now() - t0) / 100) / 10;
  results.scenarios.push(entry);
  log(`${scenario.id} done in ${entry.seconds} s (${entry.status})`);
}

results.total_seconds = Math.round((Date.now() - started) / 1000);
results.machine.load_average_at_end = os.loadavg().map((l) => Math.round(l * 100) / 100);
printTable(results);
const written = writeResults(results, { docs: writeDocs });
log(`wrote ${written.join(' and ')} in ${results.total_seconds} s total`);
if (profileDir) log(`server CPU profiles in ${relative(root, profileDir)}: node tools/bench/cpuprofile-summary.mjs <file>`);
// Missed goals never fail the run; only a scenario that crashed does (the harness must not rot).
process.exit(crashed ? 1 : 0);
