// `npm test`: every check of the workspace, in order — lint (incl. module boundaries), typecheck,
// build (never from the Nx cache), then every project's tests (unit, integration against real PostgreSQL/Redis, e2e in
// Chromium). Prints one closing line "tests: N passed, M failed".
import { spawn } from 'node:child_process';

const steps = [
  ['lint', 'npx nx run-many -t lint --outputStyle=stream --skip-nx-cache'],
  ['typecheck', 'npx nx run-many -t typecheck --outputStyle=stream --skip-nx-cache'],
  ['build', 'npx nx run-many -t build --outputStyle=stream --skip-nx-cache'],
  ['test', 'npx nx run-many -t test --parallel=1 --outputStyle=stream --skip-nx-cache'],
  ['e2e', 'npx nx run-many -t e2e --parallel=1 --outputStyle=stream --skip-nx-cache'],
];

let passed = 0;
let failed = 0;
/** The head of every failure report, printed again at the end: CI logs are often read from the bottom. */
const failures = [];
const RECAP_LINES = 30;

function collectFailures(text) {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    // Jest: "● suite › test" (after Nx's "project: " prefix); Playwright: "  1) [chromium] › file › test".
    if (!/^(?:[\w@/.-]+:)?\s+(?:● (?!Console)|\d+\) \[)/.test(lines[i])) continue;
    // Jest repeats each report in its closing summary; keep the first.
    if (!failures.some((f) => f.startsWith(`${lines[i]}\n`))) failures.push(lines.slice(i, i + RECAP_LINES).join('\n'));
  }
}

function count(raw) {
  const text = raw.replace(/\x1b\[[0-9;]*m/g, '');
  collectFailures(text);
  // Nx prefixes streamed lines with the project name ("api:   Tests: …"), so no pattern is anchored on it.
  // Jest: "Tests:       3 failed, 1 skipped, 40 passed, 44 total"
  for (const m of text.matchAll(/\bTests:\s+(.*)$/gm)) {
    passed += Number(/(\d+) passed/.exec(m[1])?.[1] ?? 0);
    failed += Number(/(\d+) failed/.exec(m[1])?.[1] ?? 0);
  }
  // Vitest: "      Tests  12 passed (12)" / "Tests  1 failed | 11 passed (12)"
  for (const m of text.matchAll(/\bTests {2,}(.*\(\d+\))\s*$/gm)) {
    passed += Number(/(\d+) passed/.exec(m[1])?.[1] ?? 0);
    failed += Number(/(\d+) failed/.exec(m[1])?.[1] ?? 0);
  }
  // Playwright: "  6 passed (1.2m)" and "  1 failed"
  for (const m of text.matchAll(/^(?:[\w@/.-]+:)?\s+(\d+) (passed|failed|flaky)(?: \([^)]*\))?\s*$/gm)) {
    if (m[2] === 'passed') passed += Number(m[1]);
    else failed += Number(m[1]);
  }
}

function run(name, command) {
  return new Promise((resolve) => {
    const started = Date.now();
    console.log(`\n=== ${name}: ${command}`);
    const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NX_DAEMON: 'false', FORCE_COLOR: '0' } });
    let out = '';
    const tee = (stream, target) =>
      stream.on('data', (d) => {
        out += d;
        target.write(d);
      });
    tee(child.stdout, process.stdout);
    tee(child.stderr, process.stderr);
    child.on('close', (code) => {
      count(out);
      console.log(`=== ${name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${Math.round((Date.now() - started) / 1000)} s`);
      resolve(code ?? 1);
    });
  });
}

let exitCode = 0;
for (const [name, command] of steps) {
  const code = await run(name, command);
  if (code !== 0) {
    exitCode = code;
    break;
  }
}
if (failures.length) {
  console.log(`\n=== ${failures.length} failure report(s), first ${RECAP_LINES} lines of each:`);
  for (const f of failures) console.log(`\n${f}`);
}
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(exitCode || (failed > 0 ? 1 : 0));
