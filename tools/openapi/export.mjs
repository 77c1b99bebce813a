// `npm run openapi`: builds the API app from the compiled server (dist/server, without listening), writes its
// OpenAPI document to docs/openapi.json with sorted keys, and generates libs/client's types from that file.
// apps/api/test/openapi/openapi-drift.spec.ts fails when the served document and docs/openapi.json differ.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
export const DOCUMENT_PATH = join(root, 'docs/openapi.json');
export const SCHEMA_PATH = join(root, 'libs/client/src/generated/schema.ts');

/** JSON with every object's keys sorted, two-space indented, one trailing newline: the same document always gives the same bytes. */
export function canonicalJson(value) {
  const sort = (v) => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort(v[k])]));
    return v;
  };
  return `${JSON.stringify(sort(value), null, 2)}\n`;
}

/** The document the server serves at /api/openapi.json, from an app built on a throwaway data folder (nothing listens). */
async function buildDocument() {
  require('reflect-metadata');
  const server = join(root, 'dist/server');
  const { parseConfig } = require(join(server, 'libs/platform/src/index.js'));
  const { createApp } = require(join(server, 'apps/api/src/app/create-app.js'));
  const { buildOpenApiDocument } = require(join(server, 'apps/api/src/app/openapi-document.js'));
  const dataDir = mkdtempSync(join(tmpdir(), 'atelier-openapi-'));
  // A clean environment: the document must not depend on the shell this runs in.
  const app = await createApp(parseConfig({ DATA_DIR: dataDir, CONSOLE_DIR: '', VISION_PROVIDER: 'offline' }));
  try {
    return JSON.parse(JSON.stringify(buildOpenApiDocument(app)));
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const BLOB = ts.factory.createTypeReferenceNode(ts.factory.createIdentifier('Blob'));

/** TypeScript types of the document's paths and schemas (uploads and image downloads typed as Blob). */
async function clientSchema(document) {
  const ast = await openapiTS(document, {
    transform(schema) {
      if (schema.format === 'binary') return BLOB;
      return undefined;
    },
  });
  return `// Generated from docs/openapi.json by \`npm run openapi\` (tools/openapi/export.mjs) with openapi-typescript. Do not edit.\n\n${astToString(ast)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const fromFile = process.argv.includes('--from-file');
  const document = fromFile ? JSON.parse(readFileSync(DOCUMENT_PATH, 'utf8')) : await buildDocument();
  if (!fromFile) writeFileSync(DOCUMENT_PATH, canonicalJson(document));
  writeFileSync(SCHEMA_PATH, await clientSchema(JSON.parse(canonicalJson(document))));
  const operations = Object.values(document.paths).flatMap((item) => Object.values(item)).length;
  console.log(`openapi: ${operations} operations → ${relative(root, DOCUMENT_PATH)}, ${relative(root, SCHEMA_PATH)}`);
  // The app's own timers (heartbeats, schedulers) may outlive close(); the export is done.
  process.exit(0);
}
