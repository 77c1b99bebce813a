/**
 * Crash test: the real server runs slow analyses, is killed with SIGKILL mid-run, restarts on
 * the same DATA_DIR, and every job still ends exactly once (one completion, one preset).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Job, Preset } from '@atelier/contracts';
import { SseClient, type SseEvent } from './support/sse-client';
import { submitAnalysis } from './support/analysis-client';
import { ACCESS_ENV, authHeaders, loginAsAdmin } from './support/auth';
import { ServerProcess, freePort } from './support/server-process';

const JOBS = 6;

async function pngOf(r: number, g: number, b: number): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r, g, b } } }).png().toBuffer();
}

const completions = (events: SseEvent[]) => events.filter((e) => e.event === 'job.completed').map((e) => (e.data as Job).job_id);

describe('crash recovery (SIGKILL mid-run, restart on the same DATA_DIR)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'atelier-crash-'));
  const env = { ...ACCESS_ENV, DATA_DIR: dataDir, OFFLINE_LATENCY_MS: '1500', WORKER_CONCURRENCY: '2', ANALYSIS_CACHE_TTL_MS: '0' };
  let first: ServerProcess;
  let second: ServerProcess;
  const streams: SseClient[] = [];

  afterAll(async () => {
    streams.forEach((s) => s.close());
    await first?.kill();
    await second?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('re-runs interrupted jobs and completes every job exactly once', async () => {
    first = new ServerProcess(await freePort(), env);
    await first.start();
    const auth = authHeaders(await loginAsAdmin(first.url));
    const before = await SseClient.connect(`${first.url}/api/jobs/stream`, auth);
    streams.push(before);
    const ids: string[] = [];
    for (let i = 0; i < JOBS; i++) ids.push(await submitAnalysis(first.url, await pngOf(40 * i, 100, 255 - 40 * i), auth));
    // Wait until two jobs are mid-run, then kill the process without warning.
    await before.waitFor((events) => events.filter((e) => e.event === 'job.updated' && (e.data as Job).status === 'running' && (e.data as Job).progress > 0).length >= 2, 20_000, 'running jobs');
    expect(await first.kill('SIGKILL')).toBeNull();
    const completedBefore = completions(before.events);
    expect(completedBefore.length).toBeLessThan(JOBS);

    second = new ServerProcess(await freePort(), env);
    await second.start();
    const auth2 = authHeaders(await loginAsAdmin(second.url));
    const after = await SseClient.connect(`${second.url}/api/jobs/stream`, auth2);
    streams.push(after);
    await after.waitFor((events) => {
      const snapshot = events.find((e) => e.event === 'snapshot');
      const ended = new Set([
        ...((snapshot?.data as { jobs: Job[] } | undefined)?.jobs ?? []).filter((j) => j.status === 'completed').map((j) => j.job_id),
        ...completions(events),
      ]);
      return ids.every((id) => ended.has(id));
    }, 60_000, 'every job to complete after the restart');

    const jobs = await Promise.all(ids.map(async (id) => (await (await fetch(`${second.url}/api/jobs/${id}`, { headers: auth2 })).json()) as Job));
    expect(jobs.map((j) => j.status)).toEqual(ids.map(() => 'completed'));
    // Interrupted attempts were counted: at least one job needed a second attempt.
    expect(jobs.some((j) => j.attempts === 2)).toBe(true);
    // Exactly one completion per job across both runs, and exactly one preset per job.
    const allCompletions = [...completedBefore, ...completions(after.events)];
    for (const id of ids) expect(allCompletions.filter((c) => c === id).length).toBeLessThanOrEqual(1);
    const presets = ((await (await fetch(`${second.url}/api/presets?limit=200`, { headers: auth2 })).json()) as { presets: Preset[] }).presets;
    for (const id of ids) expect(presets.filter((p) => p.job_id === id)).toHaveLength(1);
  }, 120_000);
});
