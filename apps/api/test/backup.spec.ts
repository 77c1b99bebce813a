/**
 * Online backup of the embedded default: `npm run backup -- DEST` runs while the server keeps
 * taking analyses, and a second server started on DEST has every job that had finished and every
 * preset that existed when the backup began, with their images.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Job, Preset } from '@atelier/contracts';
import { solidImage } from '@atelier/analyzers/testing';
import { submitAnalysis } from './support/analysis-client';
import { ACCESS_ENV, authHeaders, loginAsAdmin } from './support/auth';
import { ServerProcess, freePort } from './support/server-process';

const ROOT = join(__dirname, '../../..');
const FINISHED = ['completed', 'failed', 'cancelled'];
const SERVER_ENV = { ...ACCESS_ENV, OFFLINE_LATENCY_MS: '20', WORKER_CONCURRENCY: '2', ANALYSIS_CACHE_TTL_MS: '0' };

interface BackupRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run backup -- DEST`, as a user runs it. */
function runBackup(dest: string, env: Record<string, string>): Promise<BackupRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'backup', '--', dest], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run: BackupRun = { code: null, stdout: '', stderr: '' };
    child.stdout.on('data', (d) => (run.stdout += d));
    child.stderr.on('data', (d) => (run.stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ...run, code }));
  });
}

async function getJson<T>(url: string, headers: Record<string, string>): Promise<T> {
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** Every page of a list route. */
async function listAll<T>(url: string, key: 'jobs' | 'presets', headers: Record<string, string>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Record<string, unknown> = await getJson(`${url}?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, headers);
    items.push(...(page[key] as T[]));
    cursor = page['next_cursor'] as string | null;
  } while (cursor);
  return items;
}

async function waitUntilFinished(url: string, ids: string[], ms: number, headers: Record<string, string>): Promise<void> {
  const deadline = Date.now() + ms;
  for (const id of ids) {
    while (!FINISHED.includes((await getJson<Job>(`${url}/api/jobs/${id}`, headers)).status)) {
      if (Date.now() > deadline) throw new Error(`job ${id} did not finish within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** Distinct images, so every analysis stores new blobs. */
const swatches = (from: number, count: number) =>
  Promise.all(Array.from({ length: count }, (_, i) => solidImage(`#${(((from + i) * 0x0a1f3b) & 0xffffff).toString(16).padStart(6, '0')}`)));

/** Analyses submitted back to back until stopped; counts those that overlapped a backup. */
class AnalysisLoad {
  backupRunning = false;
  duringBackup = 0;
  private stopped = false;
  private readonly loops: Promise<void>[];

  constructor(url: string, images: Buffer[], parallel: number, headers: Record<string, string>) {
    let next = 0;
    this.loops = Array.from({ length: parallel }, async () => {
      while (!this.stopped) {
        const during = this.backupRunning;
        await submitAnalysis(url, images[next++ % images.length], headers);
        if (during || this.backupRunning) this.duringBackup++;
      }
    });
  }

  stop(): Promise<void[]> {
    this.stopped = true;
    return Promise.all(this.loops);
  }
}

describe('npm run backup (embedded: SQLite snapshot + blobs, taken while the server runs)', () => {
  const work = mkdtempSync(join(tmpdir(), 'atelier-backup-'));
  const dataDir = join(work, 'data');
  let first: ServerProcess;
  let auth: Record<string, string>;
  let restored: ServerProcess | undefined;
  let reader: Database.Database | undefined;

  beforeAll(async () => {
    first = new ServerProcess(await freePort(), { ...SERVER_ENV, DATA_DIR: dataDir });
    await first.start();
    auth = authHeaders(await loginAsAdmin(first.url));
    // A long read (an operator's sqlite3 shell, say) keeps every later commit in the WAL, out of
    // the main file: the backup must carry them all the same.
    reader = new Database(join(dataDir, 'atelier.db'), { readonly: true });
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM jobs').get();
    const ids: string[] = [];
    for (const image of await swatches(0, 6)) ids.push(await submitAnalysis(first.url, image, auth));
    await waitUntilFinished(first.url, ids, 60_000, auth);
  }, 90_000);

  afterAll(async () => {
    reader?.close();
    await first?.kill();
    await restored?.kill();
    rmSync(work, { recursive: true, force: true });
  });

  it('restores, from a backup taken under load, every job finished and every preset made before it began', async () => {
    const load = new AnalysisLoad(first.url, await swatches(100, 40), 2, auth);
    const finishedBefore = (await listAll<Job>(`${first.url}/api/jobs`, 'jobs', auth)).filter((j) => FINISHED.includes(j.status));
    const presetsBefore = await listAll<Preset>(`${first.url}/api/presets`, 'presets', auth);
    // An existing empty folder is a valid DEST.
    const dest = mkdtempSync(join(work, 'backup-'));
    load.backupRunning = true;
    const run = await runBackup(dest, { DATA_DIR: dataDir });
    load.backupRunning = false;
    await load.stop();
    reader!.exec('COMMIT');
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toContain(`written to ${dest}`);
    expect(load.duringBackup).toBeGreaterThan(0);
    expect(finishedBefore.length).toBeGreaterThanOrEqual(6);
    expect(presetsBefore.length).toBeGreaterThanOrEqual(6);

    const manifest = JSON.parse(readFileSync(join(dest, 'backup.json'), 'utf8'));
    expect(manifest).toMatchObject({ atelier_version: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version, missing_blobs: [] });
    expect(manifest.counts.presets).toBeGreaterThanOrEqual(presetsBefore.length);

    await first.kill();
    restored = new ServerProcess(await freePort(), { ...SERVER_ENV, DATA_DIR: dest });
    await restored.start();
    const url = restored.url;
    // The backup carries the users: the same admin signs in to the restored server.
    const restoredAuth = authHeaders(await loginAsAdmin(url));
    for (const job of finishedBefore) {
      expect(await getJson<Job>(`${url}/api/jobs/${job.job_id}`, restoredAuth)).toMatchObject({ status: job.status, result: job.result, finished_at: job.finished_at });
    }
    for (const preset of presetsBefore) expect(await getJson<Preset>(`${url}/api/presets/${preset.preset_id}`, restoredAuth)).toEqual(preset);
    for (const imageId of new Set(presetsBefore.map((p) => p.source_image_id!))) {
      const res = await fetch(`${url}/api/images/${imageId}`, { headers: restoredAuth });
      expect(res.status).toBe(200);
      expect(createHash('sha256').update(Buffer.from(await res.arrayBuffer())).digest('hex')).toBe(imageId);
    }

    // One snapshot, not a torn copy: each completed analysis in the backup came with its preset (jobs read first).
    const completed = (await listAll<Job>(`${url}/api/jobs`, 'jobs', restoredAuth)).filter((j) => j.type === 'analyze' && j.status === 'completed');
    const presetIds = new Set((await listAll<Preset>(`${url}/api/presets`, 'presets', restoredAuth)).map((p) => p.preset_id));
    expect(completed.filter((j) => !presetIds.has((j.result as { preset_id: string }).preset_id))).toEqual([]);
  }, 180_000);

  it('refuses a DEST that is not empty, and leaves it as it was', async () => {
    const dest = mkdtempSync(join(work, 'full-'));
    writeFileSync(join(dest, 'keep.txt'), 'mine');
    const run = await runBackup(dest, { DATA_DIR: dataDir });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`DEST ${dest} exists and is not an empty folder`);
    expect(readdirSync(dest)).toEqual(['keep.txt']);
    expect(readFileSync(join(dest, 'keep.txt'), 'utf8')).toBe('mine');
  }, 30_000);

  it('refuses a DATA_DIR without a database', async () => {
    const empty = mkdtempSync(join(work, 'empty-'));
    const dest = join(work, 'never-written-1');
    const run = await runBackup(dest, { DATA_DIR: empty });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`No Atelier database at ${join(empty, 'atelier.db')}`);
    expect(existsSync(dest)).toBe(false);
  }, 30_000);

  it('refuses distributed mode (DATABASE_URL set) and points to pg_dump', async () => {
    const dest = join(work, 'never-written-2');
    const run = await runBackup(dest, { DATA_DIR: dataDir, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/DATABASE_URL is set.*pg_dump/);
    expect(existsSync(dest)).toBe(false);
  }, 30_000);
});
