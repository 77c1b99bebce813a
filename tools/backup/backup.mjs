#!/usr/bin/env node
// `npm run backup -- DEST`: an online backup of the embedded default (SQLite + blob files) into
// the folder DEST, taken while the server runs. Restore: see "Backup and restore" in README.md.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve, isAbsolute } from 'node:path';
import { copyBlobs, fsync } from './blob-copy.mjs';
import { BackupRefused, describeSnapshot, snapshotDatabase } from './sqlite-snapshot.mjs';

const DATABASE_FILE = 'atelier.db';
const MANIFEST_FILE = 'backup.json';
const USAGE = 'usage: npm run backup -- DEST   (DEST: a folder that does not exist yet, or an empty one)';

/** Where things are, read as the server reads them (DATA_DIR against the working directory npm gives it). */
function plan(argv, env) {
  if (argv.includes('-h') || argv.includes('--help')) return { help: true };
  if (env.DATABASE_URL?.trim()) {
    throw new BackupRefused(
      'DATABASE_URL is set: records and images live in PostgreSQL (distributed mode), which this tool does not back up. ' +
        `Use pg_dump, e.g. pg_dump --format=custom --schema=${env.DATABASE_SCHEMA?.trim() || 'public'} "$DATABASE_URL" > atelier.dump`,
    );
  }
  if (argv.length !== 1 || argv[0].startsWith('-')) throw new BackupRefused(USAGE);
  const dataDir = resolve(env.DATA_DIR ?? './data');
  // npm runs scripts from the package root; a relative DEST means what it meant where it was typed.
  const dest = resolve(env.INIT_CWD ?? process.cwd(), argv[0]);
  const database = join(dataDir, DATABASE_FILE);
  if (!existsSync(database)) {
    throw new BackupRefused(`No Atelier database at ${database}. Set DATA_DIR to the folder the server uses (now ${env.DATA_DIR ?? 'unset: ./data'}).`);
  }
  const inside = relative(dataDir, dest);
  if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside))) {
    throw new BackupRefused(`DEST ${dest} is inside DATA_DIR ${dataDir}: a backup must live outside the data it protects.`);
  }
  const destExisted = existsSync(dest);
  if (destExisted && (!statSync(dest).isDirectory() || readdirSync(dest).length > 0)) {
    throw new BackupRefused(`DEST ${dest} exists and is not an empty folder: choose a new one, nothing was written.`);
  }
  return { dataDir, database, dest, destExisted };
}

async function backup({ dataDir, database, dest }) {
  const started = Date.now();
  await mkdir(dest, { recursive: true });
  const snapshot = join(dest, DATABASE_FILE);
  snapshotDatabase(database, snapshot);
  await fsync(snapshot);
  const { counts, migration, blobFiles } = describeSnapshot(snapshot);
  const blobs = await copyBlobs(blobFiles, join(dataDir, 'blobs'), join(dest, 'blobs'));
  const manifest = {
    format: 1,
    atelier_version: JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version,
    created_at: new Date(started).toISOString(),
    source: { data_dir: dataDir },
    database: DATABASE_FILE,
    migration,
    counts: { ...counts, blob_files: blobs.copied, blob_bytes: blobs.bytes },
    missing_blobs: blobs.missing,
  };
  // Written last: a folder without backup.json is an interrupted backup.
  await writeFile(join(dest, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  await fsync(join(dest, MANIFEST_FILE));
  await fsync(dest);
  return { manifest, seconds: (Date.now() - started) / 1000 };
}

const formatBytes = (bytes) => (bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

function summary({ manifest, seconds }, dest) {
  const { counts } = manifest;
  const statuses = Object.entries(counts.jobs_by_status).map(([s, n]) => `${n} ${s}`).join(', ') || 'none';
  return [
    `Backup of ${manifest.source.data_dir} written to ${dest} in ${seconds.toFixed(1)} s (Atelier ${manifest.atelier_version}, ${manifest.migration ?? 'no migration'})`,
    `  jobs:    ${counts.jobs} (${statuses})`,
    `  presets: ${counts.presets}   images: ${counts.images}`,
    `  blobs:   ${counts.blob_files} files, ${formatBytes(counts.blob_bytes)}`,
  ].join('\n');
}

async function main() {
  let target;
  try {
    target = plan(process.argv.slice(2), process.env);
  } catch (err) {
    if (!(err instanceof BackupRefused)) throw err;
    console.error(`backup: ${err.message}`);
    return 2;
  }
  if (target.help) {
    console.log(USAGE);
    return 0;
  }
  try {
    const result = await backup(target);
    console.log(summary(result, target.dest));
    const { missing_blobs: missing } = result.manifest;
    if (!missing.length) return 0;
    console.error(`backup: ${missing.length} blob file(s) the database names are missing or damaged in DATA_DIR (listed in ${MANIFEST_FILE}); their images will not load after a restore.`);
    return 1;
  } catch (err) {
    await removePartial(target);
    console.error(`backup: failed, nothing kept in ${target.dest}: ${err instanceof BackupRefused ? err.message : err.stack}`);
    return 1;
  }
}

async function removePartial({ dest, destExisted }) {
  if (!destExisted) return rm(dest, { recursive: true, force: true });
  for (const entry of readdirSync(dest)) await rm(join(dest, entry), { recursive: true, force: true });
}

process.exitCode = await main();
