/**
 * SIGTERM drain on the real server: while a running job has its grace period, health answers 503
 * (so a load balancer moves away) and requests that would create jobs answer 503 shutting_down,
 * while reads and cancel keep working.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Job, JobList } from '@atelier/contracts';
import { ServerProcess, freePort } from './support/server-process';
import { ACCESS_ENV, authHeaders, loginAsAdmin } from './support/auth';

async function pngOf(hex: string): Promise<Blob> {
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: hex } }).png().toBuffer();
  return new Blob([new Uint8Array(png)], { type: 'image/png' });
}

/** Polls `probe` until it answers something, or fails naming what it waited for. */
async function until<T>(probe: () => Promise<T | undefined>, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('SIGTERM drain', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'atelier-drain-'));
  let server: ServerProcess;
  let auth: Record<string, string>;

  afterAll(async () => {
    await server?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const analyze = async (path: string, color: string) => {
    const form = new FormData();
    form.append('image', await pngOf(color), 'swatch.png');
    return fetch(`${server.url}${path}?async_mode=true`, { method: 'POST', body: form, headers: auth });
  };
  const job = async (id: string) => (await (await fetch(`${server.url}/api/jobs/${id}`, { headers: auth })).json()) as Job;
  const jobCount = async () => ((await (await fetch(`${server.url}/api/jobs?limit=200`, { headers: auth })).json()) as JobList).jobs.length;

  it('health answers 503 draining and job-creating POSTs 503 shutting_down, while reads and cancel work', async () => {
    // The offline analysis takes ten minutes, and the grace outlasts the test: the server stays draining until the cancel.
    server = new ServerProcess(await freePort(), { ...ACCESS_ENV, DATA_DIR: dataDir, OFFLINE_LATENCY_MS: '600000', SHUTDOWN_GRACE_MS: '300000' });
    await server.start();
    auth = authHeaders(await loginAsAdmin(server.url));
    const accepted = await analyze('/api/analyzers/hair-color/analyze', '#a0522d');
    expect(accepted.status).toBe(202);
    const { job_id: jobId } = (await accepted.json()) as { job_id: string };
    await until(async () => ((await job(jobId)).status === 'running' ? true : undefined), 20_000, 'the analysis to run');
    const before = await fetch(`${server.url}/api/health`);
    expect(((await before.json()) as { status: string }).status).not.toBe('draining');

    const exited = server.kill('SIGTERM');
    const health = await until(async () => {
      const res = await fetch(`${server.url}/api/health`);
      return res.status === 503 ? res : undefined;
    }, 10_000, 'health to answer 503');
    expect(await health.json()).toMatchObject({ status: 'draining', mode: 'embedded', checks: { database: { status: 'ok' } } });

    const jobsBefore = await jobCount();
    for (const path of ['/api/analyzers/hair-color/analyze', '/api/analyzers/comprehensive/analyze']) {
      const refused = await analyze(path, '#2a6f8a');
      expect(refused.status).toBe(503);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refused.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
      expect(await refused.json()).toMatchObject({ status: 503, code: 'shutting_down', detail: expect.stringContaining('shutting down') });
    }
    expect(await jobCount()).toBe(jobsBefore);

    // Reads and cancel still work; the cancel ends the last running job, so the drain ends and the process exits.
    expect(await job(jobId)).toMatchObject({ status: 'running' });
    const cancelled = await fetch(`${server.url}/api/jobs/${jobId}/cancel`, { method: 'POST', headers: auth });
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ job_id: jobId, status: 'cancelled' });
    await exited;
    expect(server.output).toContain('SIGTERM: draining');
  }, 90_000);
});
