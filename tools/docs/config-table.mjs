// Prints the README's table of environment variables from the one place they are declared.
// Run after `node tools/build/server.mjs`: node tools/docs/config-table.mjs [--write]
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { CONFIG_VARIABLES } = require('../../dist/server/libs/platform/src/lib/config/config-variables.js');
const lines = ['| Variable | Default | What it does |', '| --- | --- | --- |'];
for (const v of Object.values(CONFIG_VARIABLES)) {
  const def = v.default === undefined ? '(unset)' : v.default === '' ? '(empty)' : `\`${v.default}\``;
  lines.push(`| \`${v.name}\` | ${def} | ${v.description.replace(/\|/g, '\\|')} |`);
}
const table = lines.join('\n');
if (process.argv.includes('--write')) {
  const readme = readFileSync('README.md', 'utf8');
  const next = readme.replace(/(<!-- config:start -->)[\s\S]*?(<!-- config:end -->)/, `$1\n${table}\n$2`);
  writeFileSync('README.md', next);
  console.log('README.md: configuration table updated');
} else {
  console.log(table);
}
