import { setFlagsFromString } from 'node:v8';

/**
 * How far past what the last full GC kept V8 may let the old generation grow before the next one:
 * 1.5×. Its default on a machine with this much memory is up to 4×, and a server under load
 * promotes the objects of its in-flight requests (they outlive two scavenges), so the old generation
 * filled with dead requests to ~4× the ~45 MB that lives and the RSS followed it past P6's 250 MB
 * budget (docs/benchmarks.md, P6). Full GCs come more often, but each costs what lives, not what died.
 */
export const HEAP_GROWING_PERCENT = 50;

/** Applies HEAP_GROWING_PERCENT once at boot (V8 reads it at every full GC), unless the command line sets its own. */
export function boundHeapGrowth(percent = HEAP_GROWING_PERCENT, execArgv: readonly string[] = process.execArgv): void {
  if (execArgv.some((arg) => /^--heap[-_]growing[-_]percent\b/.test(arg))) return;
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
