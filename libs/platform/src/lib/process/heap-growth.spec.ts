import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';

// A process with a live heap of some tens of MB that keeps promoting short-lived objects (as in-flight requests are):
// it prints the largest heapTotal it reached, in MB. The full GC after building what lives sets the limit the growth
// percent applies to (before any full GC, V8 grows to its initial limit whatever the flag says).
const CHURN = `
globalThis.live = Array.from({ length: 150000 }, (_, i) => ({ i, s: 'live' + i }));
gc();
const inFlight = new Array(1500).fill(null);
let peak = 0;
for (let i = 0; i < 20000; i++) {
  inFlight[i % inFlight.length] = Array.from({ length: 100 }, (_, j) => ({ j, t: 'request' + j }));
  if (i % 100 === 0) peak = Math.max(peak, process.memoryUsage().heapTotal);
}
process.stdout.write(String(Math.round(peak / 1e6)));
`;

/** Runs CHURN in a fresh node (the flags the start scripts use), after `setup` (this file's module compiled to CommonJS is in scope). */
function peakHeapMb(setup: string): number {
  const source = transformSync(readFileSync(join(__dirname, 'heap-growth.ts'), 'utf8'), { loader: 'ts', format: 'cjs' }).code;
  const program = `const module = { exports: {} }; const exports = module.exports;\n${source}\n${setup}\n${CHURN}`;
  return Number(execFileSync(process.execPath, ['--max-semi-space-size=8', '--expose-gc', '-e', program], { encoding: 'utf8', timeout: 120_000 }));
}

describe('boundHeapGrowth', () => {
  it('keeps the old generation of a process that promotes garbage far below where V8 lets it grow by default', () => {
    const unbounded = peakHeapMb('');
    const bounded = peakHeapMb('module.exports.boundHeapGrowth();');
    expect(bounded).toBeLessThan(unbounded * 0.75);
  }, 240_000);

  it('leaves a heap growth given on the command line alone', () => {
    // 50 % is in force; a later call that finds the flag on the command line must not replace it with 1000 %.
    const kept = peakHeapMb(`module.exports.boundHeapGrowth(50, []); module.exports.boundHeapGrowth(1000, ['--heap-growing-percent=50']);`);
    const replaced = peakHeapMb(`module.exports.boundHeapGrowth(1000, []);`);
    expect(kept).toBeLessThan(replaced * 0.75);
  }, 240_000);
});
