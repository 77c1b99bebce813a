/**
 * Following GET /api/jobs/stream from an integration: an async iterator of typed events that reconnects
 * with Last-Event-ID (so no event is lost across a restart or a dropped connection) until it is stopped.
 */
import type { AtelierClient, Job } from './client';
import { readServerSentEvents } from './sse-parser';

export const FINAL_STATUSES: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled']);

export interface SnapshotData {
  jobs: Job[];
  truncated?: boolean;
}

export interface QueueChangeData {
  type: string;
  paused: boolean;
  changed_at: string;
  changed_by: string | null;
}

/** One event of the stream; names this client does not know are skipped, as the API asks. */
export type JobStreamEvent = { id: string | undefined } & (
  | { event: 'snapshot'; data: SnapshotData }
  | { event: 'job.created' | 'job.updated' | 'job.completed' | 'job.failed' | 'job.cancelled'; data: Job }
  | { event: 'job.deleted'; data: { job_id: string } }
  | { event: 'queue.paused' | 'queue.resumed'; data: QueueChangeData }
  | { event: 'panel.dismissed'; data: { user_id: string; job_ids: string[] } }
);

const EVENT_NAMES = new Set<string>(['snapshot', 'job.created', 'job.updated', 'job.completed', 'job.failed', 'job.cancelled', 'job.deleted', 'queue.paused', 'queue.resumed', 'panel.dismissed']);

export interface FollowStreamOptions {
  /** Only this job and its children. */
  jobId?: string;
  /** Only events of jobs in these statuses. */
  status?: string[];
  /** Resume after this event id instead of starting with a snapshot. */
  lastEventId?: string;
  /** Stops following (the iterator then ends without an error). */
  signal?: AbortSignal;
  /** First wait before reconnecting, in ms (default 1000; a `retry:` from the server replaces it); doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
}

/** The API refused a request that following needs, in a way reconnecting cannot mend (400, 401, 403, 404…). */
export class FollowRefusedError extends Error {
  constructor(
    readonly request: string,
    readonly status: number,
    readonly problem: unknown,
  ) {
    super(`${request} answered ${status}${problemDetail(problem)}`);
    this.name = 'FollowRefusedError';
  }
}

function problemDetail(problem: unknown): string {
  const detail = problem && typeof problem === 'object' && 'detail' in problem ? (problem as { detail: unknown }).detail : undefined;
  return typeof detail === 'string' ? `: ${detail}` : '';
}

/** Answers worth reconnecting after: the server is restarting, overloaded or asks to slow down. */
const TRANSIENT = new Set([408, 421, 425, 429, 500, 502, 503, 504]);

/** Every event of the stream, reconnecting with Last-Event-ID after a dropped connection, until `signal` aborts or the loop breaks. */
export async function* followStream(client: AtelierClient, options: FollowStreamOptions = {}): AsyncGenerator<JobStreamEvent> {
  const baseDelay = options.retryMs ?? 1000;
  const maxDelay = options.maxRetryMs ?? 30_000;
  let delay = baseDelay;
  let lastEventId = options.lastEventId;
  // One controller per call, so that breaking out of the loop closes the connection.
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) stop.abort();
  try {
    while (!stop.signal.aborted) {
      let waitMs = delay;
      try {
        const { data, response, error } = await client.GET('/api/jobs/stream', {
          params: {
            query: { job_id: options.jobId, status: options.status?.join(',') },
            header: lastEventId ? { 'Last-Event-ID': lastEventId } : undefined,
          },
          headers: { accept: 'text/event-stream' },
          parseAs: 'stream',
          signal: stop.signal,
        });
        if (!response.ok || !data) {
          if (!TRANSIENT.has(response.status)) throw new FollowRefusedError('GET /api/jobs/stream', response.status, error);
          const retryAfter = Number(response.headers.get('retry-after'));
          if (retryAfter > 0) waitMs = retryAfter * 1000;
        } else {
          for await (const message of readServerSentEvents(data as unknown as ReadableStream<Uint8Array>, lastEventId)) {
            if (message.retry !== undefined) delay = message.retry;
            lastEventId = message.id;
            if (!EVENT_NAMES.has(message.event)) continue;
            // Connected and reading: the next drop waits the base delay again.
            waitMs = message.retry ?? baseDelay;
            yield { id: message.id, event: message.event, data: JSON.parse(message.data) } as JobStreamEvent;
          }
        }
      } catch (err) {
        if (stop.signal.aborted) return;
        if (err instanceof FollowRefusedError || err instanceof SyntaxError) throw err;
        // A network error or a connection dropped mid-stream: reconnect.
      }
      await sleep(waitMs, stop.signal);
      delay = Math.min(Math.max(waitMs, baseDelay) * 2, maxDelay);
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    stop.abort();
  }
}

export type FollowJobOptions = Omit<FollowStreamOptions, 'jobId' | 'status'>;

/**
 * The events of one job (and of its children, for a comprehensive analysis or a batch) until it and every
 * child reached a final status (completed, failed or cancelled) or the job was deleted. The first event is a
 * `snapshot` holding the job and its children as they are (read with GET /api/jobs/{job_id} when the stream's
 * snapshot left them out, e.g. a job that ended long ago).
 */
export async function* followJob(client: AtelierClient, jobId: string, options: FollowJobOptions = {}): AsyncGenerator<JobStreamEvent> {
  const jobs = new Map<string, Job>();
  const done = () => {
    const job = jobs.get(jobId);
    return !!job && FINAL_STATUSES.has(job.status) && job.child_ids.every((id) => FINAL_STATUSES.has(jobs.get(id)?.status ?? ''));
  };
  for await (const message of followStream(client, { ...options, jobId })) {
    if (message.event === 'snapshot') {
      for (const job of message.data.jobs) jobs.set(job.job_id, job);
      if (!jobs.has(jobId)) jobs.set(jobId, await getJob(client, jobId, options.signal));
      for (const id of jobs.get(jobId)?.child_ids ?? []) if (!jobs.has(id)) jobs.set(id, await getJob(client, id, options.signal));
      yield { ...message, data: { ...message.data, jobs: [...jobs.values()] } };
    } else {
      if (message.event === 'job.deleted' && message.data.job_id === jobId) {
        yield message;
        return;
      }
      if (message.event.startsWith('job.') && message.event !== 'job.deleted') jobs.set((message.data as Job).job_id, message.data as Job);
      yield message;
    }
    if (done()) return;
  }
}

async function getJob(client: AtelierClient, id: string, signal?: AbortSignal): Promise<Job> {
  const { data, response, error } = await client.GET('/api/jobs/{job_id}', { params: { path: { job_id: id } }, signal });
  if (!data) throw new FollowRefusedError(`GET /api/jobs/${id}`, response.status, error);
  return data;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
