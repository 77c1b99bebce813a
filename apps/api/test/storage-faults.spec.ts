/**
 * Storage faults on the real server (dist/server): a data folder on a full disk or a read-only
 * one answers 507 / 503 problem+json and fails the health check, logs the fault once, and leaves
 * no partial file; what a killed upload left behind is swept at boot and by the periodic cleanup.
 * Full and read-only disks are real tmpfs mounts (root only; skipped with the reason otherwise).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statfsSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import sharp from 'sharp';
import type { HealthStatus, Job, Problem } from '@atelier/contracts';
import { ServerProcess, freePort } from './support/server-process';
import { ACCESS_ENV, authHeaders, loginAsAdmin } from './support/auth';
import { mountTmpfs, tmpfsUnavailable, unmount } from './support/tmpfs';

const TWO_HOURS_AGO = () => new Date(Date.now() - 2 * 3600_000);

async function swatch(r: number, g: number, b: number): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r, g, b } } }).png().toBuffer();
}

/** Random pixels do not compress: a PNG of about `kb` KiB. */
async function noise(kb: number): Promise<Buffer> {
  const side = Math.ceil(Math.sqrt((kb * 1024) / 3));
  return sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } }).png().toBuffer();
}

async function upload(url: string, image: Buffer, headers: Record<string, string>): Promise<Response> {
  const form = new FormData();
  form.append('image', new Blob([new Uint8Array(image)], { type: 'image/png' }), 'upload.png');
  return fetch(`${url}/api/analyzers/hair-color/analyze?async_mode=true`, { method: 'POST', body: form, headers });
}

async function problemOf(res: Response): Promise<Problem> {
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  return (await res.json()) as Problem;
}

async function health(url: string): Promise<{ status: number; body: HealthStatus }> {
  const res = await fetch(`${url}/api/health`);
  return { status: res.status, body: (await res.json()) as HealthStatus };
}

function filesUnder(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith(suffix));
}

const occurrences = (text: string, needle: string) => text.split(needle).length - 1;

async function until(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const mountProblem = tmpfsUnavailable();
if (mountProblem) console.warn(`storage-faults: skipping the full / read-only disk tests, tmpfs cannot be mounted here: ${mountProblem}`);
const withMounts = mountProblem ? describe.skip : describe;

describe('storage faults (real server)', () => {
  const servers: ServerProcess[] = [];
  const mounts: string[] = [];
  const dirs: string[] = [];

  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'atelier-storage-'));
    dirs.push(dir);
    return dir;
  };
  /** A started server, and the headers of an API key of its first admin. */
  const start = async (env: Record<string, string>) => {
    const server = new ServerProcess(await freePort(), { ...ACCESS_ENV, OFFLINE_LATENCY_MS: '0', ...env });
    servers.push(server);
    await server.start();
    return { server, auth: authHeaders(await loginAsAdmin(server.url)) };
  };

  afterAll(async () => {
    for (const s of servers) await s.kill();
    for (const m of mounts) unmount(m);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  withMounts('on a full disk', () => {
    it('answers 507 problem+json naming the folder, fails the health check, logs once and leaves no temp file', async () => {
      const dir = dataDir();
      mountTmpfs(dir, { sizeKb: 4096 });
      mounts.push(dir);
      const { server, auth } = await start({ DATA_DIR: dir });
      const { bavail, bsize } = statfsSync(dir);
      writeFileSync(join(dir, 'filler'), Buffer.alloc(bavail * bsize - 200 * 1024));
      const image = await noise(600);

      for (let i = 0; i < 3; i++) {
        const res = await upload(server.url, image, auth);
        expect(res.status).toBe(507);
        const problem = await problemOf(res);
        expect(problem).toMatchObject({ status: 507, title: 'Insufficient Storage', code: 'insufficient_storage' });
        expect(problem.detail).toContain(join(dir, 'blobs'));
        expect(problem.detail).toMatch(/free space/i);
      }

      const { status, body } = await health(server.url);
      expect(status).toBe(503);
      expect(body.checks['storage']).toMatchObject({ status: 'error', detail: expect.stringContaining('is full') });
      expect(filesUnder(dir, '.tmp')).toEqual([]);
      expect(((await (await fetch(`${server.url}/api/jobs`, { headers: auth })).json()) as { jobs: Job[] }).jobs).toEqual([]);

      // One line for the fault, not one per request; no 500 stack, no misleading ENOENT.
      expect(occurrences(server.output, 'is full')).toBe(1);
      expect(server.output).not.toContain('→ 507');
      expect(server.output).not.toContain('ENOENT');

      rmSync(join(dir, 'filler'));
      expect((await upload(server.url, image, auth)).status).toBe(202);
      expect(filesUnder(dir, '.tmp')).toEqual([]);
    }, 60_000);
  });

  withMounts('on a read-only blob folder', () => {
    it('answers 503 problem+json saying to make it writable, and the health check names it', async () => {
      const dir = dataDir();
      const blobs = join(dir, 'blobs');
      mountTmpfs(blobs, { sizeKb: 64, readOnly: true });
      mounts.push(blobs);
      const { server, auth } = await start({ DATA_DIR: dir });

      const { status, body } = await health(server.url);
      expect(status).toBe(503);
      expect(body.checks['storage']).toMatchObject({ status: 'error', detail: expect.stringContaining(`${blobs} is not writable`) });

      for (let i = 0; i < 2; i++) {
        const res = await upload(server.url, await swatch(10 * i, 20, 30), auth);
        expect(res.status).toBe(503);
        const problem = await problemOf(res);
        expect(problem).toMatchObject({ status: 503, code: 'storage_read_only' });
        expect(problem.detail).toContain(blobs);
        expect(problem.detail).toMatch(/writable/);
      }
      expect(occurrences(server.output, 'is not writable')).toBe(1);
      expect(server.output).not.toContain('ENOENT');
      expect(server.output).not.toContain('→ 503');
    }, 60_000);
  });

  describe('leftovers of interrupted uploads', () => {
    /** What a SIGKILL mid-upload leaves: a temp file, or a blob (row and file) no image points at. */
    const plant = (dir: string, age: Date) => {
      const sha = randomBytes(32).toString('hex');
      const folder = join(dir, 'blobs', sha.slice(0, 2));
      mkdirSync(folder, { recursive: true });
      const tmp = join(folder, `${sha}.${randomUUID()}.tmp`);
      writeFileSync(tmp, Buffer.alloc(256 * 1024));
      utimesSync(tmp, age, age);
      writeFileSync(join(folder, sha), 'orphan bytes');
      const db = new BetterSqlite3(join(dir, 'atelier.db'));
      try {
        db.pragma('busy_timeout = 5000');
        db.prepare('INSERT INTO blobs (sha256, mime_type, byte_size, data, created_at) VALUES (?, ?, ?, NULL, ?)').run(sha, 'image/png', 12, age.toISOString());
      } finally {
        db.close();
      }
      return { sha, tmp, file: join(folder, sha) };
    };
    const blobRows = (dir: string) => {
      const db = new BetterSqlite3(join(dir, 'atelier.db'), { readonly: true });
      try {
        return (db.prepare('SELECT sha256 FROM blobs').all() as { sha256: string }[]).map((r) => r.sha256);
      } finally {
        db.close();
      }
    };
    const ageAllBlobs = (dir: string) => {
      const db = new BetterSqlite3(join(dir, 'atelier.db'));
      try {
        db.prepare('UPDATE blobs SET created_at = ?').run(TWO_HOURS_AGO().toISOString());
      } finally {
        db.close();
      }
    };

    it('are swept at boot, while referenced blobs and fresh leftovers (an upload in progress) stay', async () => {
      const dir = dataDir();
      const { server: first, auth } = await start({ DATA_DIR: dir });
      const res = await upload(first.url, await swatch(200, 100, 50), auth);
      expect(res.status).toBe(202);
      const imageId = (((await res.json()) as { job: Job }).job.input as { image_id: string }).image_id;
      await first.kill('SIGKILL');

      ageAllBlobs(dir);
      const referenced = blobRows(dir);
      const old = plant(dir, TWO_HOURS_AGO());
      const fresh = plant(dir, new Date());

      const { server: second, auth: secondAuth } = await start({ DATA_DIR: dir });
      await until(() => !existsSync(old.tmp) && !blobRows(dir).includes(old.sha), 20_000, 'the boot sweep');
      expect(existsSync(old.file)).toBe(false);
      // (The restarted jobs may add a thumbnail blob.)
      expect(blobRows(dir)).toEqual(expect.arrayContaining([...referenced, fresh.sha]));
      expect(existsSync(fresh.tmp)).toBe(true);
      expect(existsSync(fresh.file)).toBe(true);
      const original = await fetch(`${second.url}/api/images/${imageId}`, { headers: secondAuth });
      expect(original.status).toBe(200);
    }, 60_000);

    it('are swept again every JOB_CLEANUP_INTERVAL_MS', async () => {
      const dir = dataDir();
      const { server, auth } = await start({ DATA_DIR: dir, JOB_CLEANUP_INTERVAL_MS: '1000' });
      expect((await upload(server.url, await swatch(1, 2, 3), auth)).status).toBe(202);
      const old = plant(dir, TWO_HOURS_AGO());
      await until(() => !existsSync(old.tmp) && !blobRows(dir).includes(old.sha), 20_000, 'the periodic sweep');
      expect(server.output).toContain('Removed 1 unreferenced blob(s) and 1 temporary file(s)');
      expect(blobRows(dir).length).toBeGreaterThan(0);
    }, 60_000);
  });
});
