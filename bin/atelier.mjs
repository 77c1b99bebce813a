#!/usr/bin/env node
// `npx atelier …` from the repository: runs the built CLI (dist/cli), or says how to build it.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const entry = join(dirname(fileURLToPath(import.meta.url)), '../dist/cli/apps/cli/src/main.js');
if (!existsSync(entry)) {
  process.stderr.write('atelier: the CLI is not built yet. Run `npm run build` (or `npx nx run cli:build`) in the repository, then try again.\n');
  process.exit(2);
}
await import(pathToFileURL(entry).href);
