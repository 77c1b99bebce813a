import type { Job, Preset } from '@atelier/contracts';
import { FAKE_USAGE, FakeOpenAiServer, solidImage } from './support/fixtures';
import { startAnalyzerApp, type AnalyzerTestApp } from './support/analyzer-app';

/** The real app, the real openai SDK, and a fake OpenAI-compatible endpoint on loopback. */
describe('analyses with the openai provider', () => {
  const server = new FakeOpenAiServer();
  let t: AnalyzerTestApp;
  let shade = 0;
  // Each test analyses a different image, so the result cache never answers for the model.
  const nextImage = () => solidImage(`#20${(shade++).toString(16).padStart(2, '0')}80`, 40, 30);

  beforeAll(async () => {
    await server.start();
    t = await startAnalyzerApp({
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: server.url,
      VISION_MODEL: 'vision-e2e',
      IMAGE_MODEL: 'image-e2e',
      JOB_MAX_ATTEMPTS: '2',
      JOB_TIMEOUT_MS: '1500',
    });
  });
  afterEach(() => server.reset());
  afterAll(async () => {
    await t.close();
    await server.stop();
  });

  const analyze = async (name: string, status: number, async = false) =>
    t.http.post(`/api/analyzers/${name}/analyze`).query({ async_mode: String(async) }).attach('image', await nextImage(), 'photo.png').expect(status);

  it('sends model, data-URL image and strict json_schema; records usage and model on the job and the preset', async () => {
    const res = await analyze('hair-color', 200);
    const sent = (await server.request(1)).body;
    expect(sent.model).toBe('vision-e2e');
    expect(sent.response_format?.json_schema).toMatchObject({ name: 'hair_color', strict: true, schema: { type: 'object', additionalProperties: false } });
    const url = JSON.stringify(sent.messages);
    expect(url).toMatch(/"url":"data:image\/jpeg;base64,\/9j\//);
    const preset = res.body.preset as Preset;
    expect(preset).toMatchObject({ provider: 'openai', model: 'vision-e2e', category: 'hair-color' });
    expect(preset.data['offline_note']).toBeUndefined();
    const job = (await t.http.get(`/api/jobs/${res.body.job_id}`)).body as Job;
    expect(job.metadata).toMatchObject({
      cached: false,
      provider: 'openai',
      model: 'vision-e2e',
      usage: { input_tokens: FAKE_USAGE.prompt_tokens, output_tokens: FAKE_USAGE.completion_tokens, total_tokens: FAKE_USAGE.total_tokens },
    });
  });

  it('429 with retry-after: the job waits as asked, then succeeds on the second attempt', async () => {
    server.respondWith({ kind: 'error', status: 429, headers: { 'retry-after': '1' } });
    const res = await analyze('makeup', 202, true);
    const job = await t.ended(res.body.job_id);
    expect(job).toMatchObject({ status: 'completed', attempts: 2, metadata: { last_error: { code: 'upstream_rate_limited', retryable: true } } });
    const [first, second] = [await server.request(1), await server.request(2)];
    expect(second.at - first.at).toBeGreaterThanOrEqual(950);
  });

  it('500 on every attempt: retried up to JOB_MAX_ATTEMPTS, then 502 problem+json', async () => {
    server.respondWith({ kind: 'error', status: 500 }, { kind: 'error', status: 502 });
    const res = await analyze('outfit', 502);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body).toMatchObject({ status: 502, code: 'upstream_unavailable' });
    expect(server.requests).toHaveLength(2);
  });

  it('401: not retried, and the answer says which setting to fix', async () => {
    server.respondWith({ kind: 'error', status: 401, message: 'Incorrect API key provided' });
    const res = await analyze('expression', 502);
    expect(res.body.detail).toContain('OPENAI_API_KEY rejected');
    const jobId = /job ([0-9a-f-]{36})/.exec(res.body.detail)![1];
    expect((await t.http.get(`/api/jobs/${jobId}`)).body).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'upstream_unauthorized', retryable: false } });
    expect(server.requests).toHaveLength(1);
  });

  it('invalid JSON twice: asked once more, then failed with a clear error and no preset', async () => {
    const before = (await t.footprint()).presets;
    server.respondWith({ kind: 'content', content: '{"items": [' }, { kind: 'content', content: '{"items": "none"}' });
    const res = await analyze('accessories', 502);
    expect(res.body).toMatchObject({ code: 'invalid_model_output' });
    expect(res.body.detail).toMatch(/\$\.items must be an array/);
    expect(server.requests).toHaveLength(2);
    expect((await t.footprint()).presets).toBe(before);
  });

  it('invalid output once, valid the second time: completes, counting both calls', async () => {
    server.respondWith({ kind: 'content', content: 'Sure! Here is the JSON you asked for.' });
    const res = await analyze('art-style', 200);
    const job = (await t.http.get(`/api/jobs/${res.body.job_id}`)).body as Job;
    expect(job.metadata).toMatchObject({ model_tries: 2, usage: { total_tokens: 2 * FAKE_USAGE.total_tokens } });
  });

  it('a hanging model call is aborted by cancel: the server sees the connection close, no preset is written', async () => {
    server.respondWith({ kind: 'hang' });
    const before = (await t.footprint()).presets;
    const res = await analyze('hair-style', 202, true);
    const hung = await server.request(1);
    await t.until(res.body.job_id, (j) => j.status === 'running');
    await t.http.post(`/api/jobs/${res.body.job_id}/cancel`).expect(200);
    await hung.abandoned;
    expect((await t.http.get(`/api/jobs/${res.body.job_id}`)).body.status).toBe('cancelled');
    expect((await t.footprint()).presets).toBe(before);
  });

  it('a hanging model call is aborted by the job timeout, and the next attempt succeeds', async () => {
    server.respondWith({ kind: 'hang' });
    const res = await analyze('visual-style', 202, true);
    const hung = await server.request(1);
    await hung.abandoned;
    const job = await t.ended(res.body.job_id);
    expect(job).toMatchObject({ status: 'completed', attempts: 2, metadata: { last_error: { code: 'job_timeout' } } });
  });

  it('generates an image from a preset through the images API', async () => {
    const made = (await analyze('visual-style', 200)).body;
    server.reset();
    const res = await t.http.post(`/api/presets/${made.preset.preset_id}/generate`).send({ prompt: 'as a poster' }).expect(202);
    const job = (await t.ended(res.body.job_id)) as Job<'generate_image'>;
    expect(job).toMatchObject({ status: 'completed', result: { provider: 'openai', model: 'image-e2e' } });
    const sent = await server.request(1);
    expect(sent.path).toBe('/v1/images/generations');
    expect(sent.body).toMatchObject({ model: 'image-e2e', prompt: expect.stringContaining('as a poster') });
    await t.http.get(`/api/images/${job.result!.image_id}`).expect(200).expect('content-type', 'image/png');
  });
});
