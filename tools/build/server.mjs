// Compiles the server (apps/api, apps/worker and the server libs) to CommonJS under dist/server
// with swc, rewriting the @atelier/* path aliases to relative requires.
import { transformFile } from '@swc/core';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const { swcOptions, root } = require('./swc-options.cjs');

const sources = ['apps/api/src', 'apps/worker/src', 'libs'];
const skip = /(\.spec\.ts|\.d\.ts|\/src\/testing\.ts)$|\/console\//;
// SERVER_OUT_DIR lets a test build a private copy that a parallel build cannot pull away.
const out = process.env.SERVER_OUT_DIR ? resolve(process.env.SERVER_OUT_DIR) : join(root, 'dist/server');

async function* walk(dir) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === 'node_modules' || e.name === 'testing' || e.name === 'test') continue;
      yield* walk(p);
    } else if (e.name.endsWith('.ts') && !skip.test(p)) {
      yield p;
    }
  }
}

const options = swcOptions({ paths: true });
await rm(out, { recursive: true, force: true });
let count = 0;
for (const src of sources) {
  for await (const file of walk(join(root, src))) {
    if (file.includes(`${join(root, 'libs', 'console')}`)) continue;
    const rel = relative(root, file);
    const target = join(out, rel.replace(/\.ts$/, '.js'));
    const { code, map } = await transformFile(file, { ...options, filename: file, sourceFileName: relative(dirname(target), file) });
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, map ? `${code}\n//# sourceMappingURL=${target.split('/').pop()}.map` : code);
    if (map) await writeFile(`${target}.map`, map);
    count++;
  }
}
await writeFile(join(out, 'package.json'), JSON.stringify({ type: 'commonjs' }));
console.log(`server: compiled ${count} files to ${relative(root, out)}`);
