/**
 * Conflicting commands at once: cancel, retry and delete of a comprehensive parent and its
 * children, fired together, trial after trial, at the real server. The process must live, every
 * answer must be a deliberate one, and every job must end once per run (no second final event
 * without a new run in between), then settle.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Job } from '@atelier/contracts';
import { SseClient, type SseEvent } from './support/sse-client';
import { ServerProcess, freePort } from './support/server-process';
import { ACCESS_ENV, authHeaders, loginAsAdmin } from './support/auth';

const TRIALS = 12;
const FINAL = new Set(['job.completed', 'job.failed', 'job.cancelled']);
const DELIBERATE = new Set([200, 202, 204, 404, 409]);

async function submitComprehensive(url: string, image: Buffer, headers: Record<string, string>): Promise<Job> {
  const form = new FormData();
  form.append('image', new Blob([new Uint8Array(image)], { type: 'image/png' }), 'swatch.png');
  form.append('analyzers', 'hair-color,makeup,expression');
  const res = await fetch(`${url}/api/analyzers/comprehensive/analyze?async_mode=true`, { method: 'POST', body: form, headers });
  if (res.status !== 202) throw new Error(`submit answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { job: Job }).job;
}

/** For each job, the statuses its events announced, in stream order. */
function historyOf(events: SseEvent[]): Map<string, string[]> {
  const history = new Map<string, string[]>();
  for (const e of events) {
    if (e.event === 'snapshot' || e.event === 'job.deleted') continue;
    const job = e.data as Job;
    const list = history.get(job.job_id) ?? history.set(job.job_id, []).get(job.job_id)!;
    list.push(FINAL.has(e.event) ? `final:${job.status}` : job.status);
  }
  return history;
}

describe('conflicting commands on a parent and its children at once', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'atelier-conflicts-'));
  let server: ServerProcess;
  let stream: SseClient;

  afterAll(async () => {
    stream?.close();
    await server?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the server alive, answers each command deliberately, and ends every job once per run', async () => {
    server = new ServerProcess(await freePort(), { ...ACCESS_ENV, DATA_DIR: dataDir, OFFLINE_LATENCY_MS: '60', WORKER_CONCURRENCY: '4', ANALYSIS_CACHE_TTL_MS: '0' });
    await server.start();
    const auth = authHeaders(await loginAsAdmin(server.url));
    stream = await SseClient.connect(`${server.url}/api/jobs/stream`, auth);
    const statuses: number[] = [];
    const parents: Job[] = [];

    for (let trial = 0; trial < TRIALS; trial++) {
      const image = await sharp({ create: { width: 48, height: 32, channels: 3, background: { r: trial * 20, g: 90, b: 160 } } }).png().toBuffer();
      const parent = await submitComprehensive(server.url, image, auth);
      parents.push(parent);
      const ids = [parent.job_id, ...parent.child_ids];
      const commands: [string, string][] = [];
      for (const id of ids) {
        commands.push(['POST', `/api/jobs/${id}/cancel`], ['POST', `/api/jobs/${id}/retry`], ['DELETE', `/api/jobs/${id}`]);
        commands.push(['POST', `/api/jobs/${id}/cancel`], ['POST', `/api/jobs/${id}/retry`]);
      }
      // Shuffled, so each trial races in another order.
      commands.sort(() => Math.random() - 0.5);
      const answers = await Promise.all(commands.map(([method, path]) => fetch(`${server.url}${path}`, { method, headers: auth }).then((r) => r.status)));
      statuses.push(...answers);
    }

    expect(statuses.length).toBeGreaterThanOrEqual(TRIALS * 20);
    expect(statuses.filter((s) => !DELIBERATE.has(s))).toEqual([]);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);

    // Let every surviving parent settle: cancel whatever still runs, then wait for the stream to say it ended.
    for (const parent of parents) await fetch(`${server.url}/api/jobs/${parent.job_id}/cancel`, { method: 'POST', headers: auth });
    const unfinished = async () => {
      const res = await fetch(`${server.url}/api/jobs?status=queued,running&limit=200`, { headers: auth });
      return ((await res.json()) as { jobs: Job[] }).jobs;
    };
    const deadline = Date.now() + 30_000;
    for (let left = await unfinished(); left.length; left = await unfinished()) {
      if (Date.now() > deadline) {
        const history = historyOf(stream.events);
        const stuck = left.map((j) => ({ id: j.job_id, parent: j.parent_id, children: j.child_ids.length, status: j.status, step: j.step_label, seen: history.get(j.job_id) }));
        throw new Error(`jobs still queued or running 30 s after the last command: ${JSON.stringify(stuck, null, 1)}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }

    // Every run of every job ended once: two final events of a job always have a new run (queued, or a re-opened parent) between them.
    const endedTwice: { jobId: string; seen: string[] }[] = [];
    for (const [jobId, seen] of historyOf(stream.events)) {
      let ended = false;
      for (const s of seen) {
        if (s.startsWith('final:')) {
          if (ended) endedTwice.push({ jobId, seen });
          ended = true;
        } else ended = false; // queued again (a retry), or a parent re-opened by a child's retry: a new run
      }
    }
    expect(endedTwice).toEqual([]);
    expect(server.output).not.toMatch(/Unhandled promise rejection|UnhandledPromiseRejection/);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  }, 120_000);
});
