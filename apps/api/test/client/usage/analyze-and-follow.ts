// An integration written against @atelier/client as docs/api.md shows it. client-e2e.spec.ts type-checks this
// file on its own (strict, as a user's project would) and runs it against the built server.
import { createAtelierClient, followJob, multipartBody, type JobStreamEvent } from '@atelier/client';

/** Signs in with email and password, and makes an API key for the integration. */
export async function createApiKey(baseUrl: string, email: string, password: string): Promise<string> {
  const client = createAtelierClient({ baseUrl });
  const login = await client.POST('/api/auth/login', { body: { email, password } });
  if (!login.data) throw new Error(`login: ${login.error?.detail}`);
  const cookie = login.response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  // A cookie-authenticated change must come from the console's origin.
  const created = await client.POST('/api/api-keys', { body: { name: 'integration' }, headers: { cookie, origin: new URL(baseUrl).origin } });
  if (!created.data) throw new Error(`createApiKey: ${created.error?.detail}`);
  return created.data.key;
}

/** Analyses an image without waiting, follows its job over the event stream, and reads the preset it made. */
export async function analyzeAndFollow(baseUrl: string, apiKey: string, image: Blob, analyzer = 'hair-color') {
  const client = createAtelierClient({ baseUrl, apiKey });
  const { data: accepted, error } = await client.POST('/api/analyzers/{name}/analyze', {
    params: { path: { name: analyzer }, query: { async_mode: true } },
    body: { image },
    bodySerializer: multipartBody,
  });
  if (!accepted || !('job' in accepted)) throw new Error(`analyzeImage: ${error?.detail ?? 'answered without a job'}`);

  const events: JobStreamEvent[] = [];
  for await (const event of followJob(client, accepted.job_id)) events.push(event);

  const { data: job } = await client.GET('/api/jobs/{job_id}', { params: { path: { job_id: accepted.job_id } } });
  if (!job) throw new Error('getJob answered no job');
  const presetId = job.result?.['preset_id'];
  if (typeof presetId !== 'string') throw new Error(`job ${job.job_id} ended ${job.status} without a preset`);
  const { data: preset } = await client.GET('/api/presets/{preset_id}', { params: { path: { preset_id: presetId } } });
  return { accepted, events, job, preset };
}
