/**
 * What the operations tests share, on top of the access harness (the built server as a child
 * process, callers with a session or an API key): the operator's endpoints read as typed answers,
 * every job a caller may see, the event stream, and a data folder that outlives one server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Job, JobType, QueueEventData, QueueInfo, StatsSummary, Timeseries, WorkerInfo } from '@atelier/contracts';
import { SseClient, type SseEvent } from '../support/sse-client';
import { expectStatus, sleep, until, type Caller } from '../access/access-harness';

export async function queueOf(caller: Caller, type: JobType): Promise<QueueInfo> {
  const answer = await caller.get('/api/queues');
  expectStatus(answer, 200);
  const queue = (answer.body.queues as QueueInfo[]).find((q) => q.type === type);
  if (!queue) throw new Error(`GET /api/queues lists no ${type} queue: ${answer.text}`);
  return queue;
}

export async function pauseQueue(caller: Caller, type: JobType, action: 'pause' | 'resume' = 'pause'): Promise<QueueInfo> {
  const answer = await caller.post(`/api/queues/${type}/${action}`);
  expectStatus(answer, 200);
  return answer.body as QueueInfo;
}

export const resumeQueue = (caller: Caller, type: JobType) => pauseQueue(caller, type, 'resume');

export async function summaryOf(caller: Caller): Promise<StatsSummary> {
  const answer = await caller.get('/api/stats/summary');
  expectStatus(answer, 200);
  return answer.body as StatsSummary;
}

export async function timeseriesOf(caller: Caller, query: Record<string, string>): Promise<Timeseries> {
  const answer = await caller.get(`/api/stats/timeseries?${new URLSearchParams(query)}`);
  expectStatus(answer, 200);
  return answer.body as Timeseries;
}

export async function workersOf(caller: Caller): Promise<WorkerInfo[]> {
  const answer = await caller.get('/api/workers');
  expectStatus(answer, 200);
  return answer.body.workers as WorkerInfo[];
}

/** Every job the caller may see, newest first (follows next_cursor). */
export async function allJobs(caller: Caller): Promise<Job[]> {
  const jobs: Job[] = [];
  let cursor: string | null = null;
  do {
    const answer = await caller.get(`/api/jobs?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
    expectStatus(answer, 200);
    jobs.push(...(answer.body.jobs as Job[]));
    cursor = answer.body.next_cursor;
  } while (cursor);
  return jobs;
}

/** Waits until none of the caller's jobs is queued or running. */
export function settled(caller: Caller, ms = 60_000): Promise<StatsSummary> {
  return until('every job to end', async () => {
    const summary = await summaryOf(caller);
    return summary.by_status.queued + summary.by_status.running === 0 && summary;
  }, ms);
}

/**
 * Asserts that these jobs stay queued for `ms` (read every 100 ms). Proving that something does not
 * happen needs a window; callers first await a sign that the workers are busy with other work.
 */
export async function expectStayQueued(caller: Caller, ids: string[], ms = 1500): Promise<void> {
  const deadline = Date.now() + ms;
  do {
    for (const id of ids) expect((await caller.job(id)).status).toBe('queued');
    await sleep(100);
  } while (Date.now() < deadline);
}

export function openStream(caller: Caller): Promise<SseClient> {
  return SseClient.connect(`${caller.server.url}/api/jobs/stream`, caller.headers());
}

export const queueEvents = (events: SseEvent[]) =>
  events.filter((e) => e.event === 'queue.paused' || e.event === 'queue.resumed').map((e) => ({ event: e.event, data: e.data as QueueEventData }));

/** A data folder for servers started one after another on it (a restart). */
export function sharedDataDir(): { readonly path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'atelier-operations-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
