// Small HTTP helpers against the spawned server (with its API key).
import { multipart } from './fixtures.mjs';
import { sleep } from './rounds.mjs';

export async function postAnalysis(server, analyzer, image, fields = {}) {
  const { body, contentType } = multipart(image, fields);
  const res = await fetch(`${server.url}/api/analyzers/${analyzer}/analyze?async_mode=true`, { method: 'POST', headers: { ...server.auth, 'content-type': contentType }, body });
  if (res.status !== 202) throw new Error(`POST ${analyzer} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return (await res.json()).job_id;
}

/** Polls a job every `everyMs` until it reached a final status. */
export async function waitForEnd(server, jobId, { everyMs = 20, timeoutMs = 60_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await (await fetch(`${server.url}/api/jobs/${jobId}`, { headers: server.auth })).json();
    if (['completed', 'failed', 'cancelled'].includes(job.status)) return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.status} after ${timeoutMs} ms`);
    await sleep(everyMs);
  }
}
