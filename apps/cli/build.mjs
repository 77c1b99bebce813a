// Compiles the CLI (apps/cli/src and the libs it imports) to ES modules under dist/cli with swc: yargs 18 is
// ESM only. Relative imports get their `.js` (resolveFully), the @atelier/* aliases become relative paths, and
// the entry point is an executable file with a shebang.
import { transformFile } from '@swc/core';
import { chmod, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const { swcOptions, root } = require('../../tools/build/swc-options.cjs');

const sources = ['apps/cli/src', 'libs/client/src', 'libs/contracts/src'];
const skip = /\.(spec|d)\.ts$/;
const out = process.env.CLI_OUT_DIR ? resolve(process.env.CLI_OUT_DIR) : join(root, 'dist/cli');
export const ENTRY = 'apps/cli/src/main.js';

async function* walk(dir) {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.name.endsWith('.ts') && !skip.test(p)) yield p;
  }
}

const base = swcOptions({ paths: true });
const options = { ...base, module: { type: 'es6', resolveFully: true } };
await rm(out, { recursive: true, force: true });
let count = 0;
for (const src of sources) {
  for await (const file of walk(join(root, src))) {
    const target = join(out, relative(root, file).replace(/\.ts$/, '.js'));
    const { code, map } = await transformFile(file, { ...options, filename: file, sourceFileName: relative(dirname(target), file) });
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, map ? `${code}\n//# sourceMappingURL=${target.split('/').pop()}.map` : code);
    if (map) await writeFile(`${target}.map`, map);
    count++;
  }
}
const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
await writeFile(join(out, 'package.json'), JSON.stringify({ type: 'module', version }));
const entry = join(out, ENTRY);
const code = await readFile(entry, 'utf8');
if (!code.startsWith('#!')) await writeFile(entry, `#!/usr/bin/env node\n${code}`);
await chmod(entry, 0o755);
console.log(`cli: compiled ${count} files to ${relative(root, out)}; run ${relative(root, entry)}`);
