import OpenAI from 'openai';
import { UpstreamError } from '@atelier/platform';
import { FakeOpenAiServer, FAKE_USAGE } from '@atelier/testing/fake-openai';
import { OpenAiVisionProvider } from './openai-vision.provider';
import { analyzeStructured } from './structured-analysis';
import { hairColorAnalyzer } from '../definitions/hair-color.analyzer';
import type { VisionRequest } from './vision-provider.port';

const image = { data: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), mimeType: 'image/jpeg' };
const noSteps = { calling: async () => undefined, validating: async () => undefined };

describe('OpenAiVisionProvider through the real SDK against the fake server', () => {
  const server = new FakeOpenAiServer();
  let provider: OpenAiVisionProvider;

  beforeAll(async () => {
    await server.start();
    provider = new OpenAiVisionProvider(new OpenAI({ apiKey: 'test-key', baseURL: server.url, maxRetries: 0 }), 'vision-test-model');
  });
  afterEach(() => server.reset());
  afterAll(() => server.stop());

  const request = (signal = new AbortController().signal): VisionRequest => ({ image, analyzer: hairColorAnalyzer, signal });
  const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);

  it('sends the model, the image as a data URL and the strict json_schema; answers the content and usage', async () => {
    const answer = await provider.analyze(request());
    const sent = (await server.request(1)).body;
    expect(sent.model).toBe('vision-test-model');
    expect(sent.response_format).toEqual({
      type: 'json_schema',
      json_schema: expect.objectContaining({ name: 'hair_color', strict: true, schema: hairColorAnalyzer.schema }),
    });
    const parts = sent.messages!.flatMap((m) => (Array.isArray(m.content) ? m.content : []));
    expect(parts.find((p) => p.type === 'image_url')?.image_url?.url).toBe(`data:image/jpeg;base64,${image.data.toString('base64')}`);
    expect(parts.find((p) => p.type === 'text')?.text).toContain('hair colour');
    expect((await server.request(1)).headers.authorization).toBe('Bearer test-key');
    expect(JSON.parse(answer.output as string)).toMatchObject({ tone: 'warm' });
    expect(answer.usage).toEqual({ input_tokens: FAKE_USAGE.prompt_tokens, output_tokens: FAKE_USAGE.completion_tokens, total_tokens: FAKE_USAGE.total_tokens });
  });

  it('maps 429 with retry-after to a retryable error that carries the wait', async () => {
    server.respondWith({ kind: 'error', status: 429, headers: { 'retry-after': '2' } });
    const err = (await failure(provider.analyze(request()))) as UpstreamError;
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err).toMatchObject({ retryable: true, retryAfterMs: 2000, code: 'upstream_rate_limited' });
  });

  it('maps 500 to a retryable error and 401, 403 and 400 to errors that say what to fix', async () => {
    server.respondWith(
      { kind: 'error', status: 500, headers: { 'retry-after-ms': '250' } },
      { kind: 'error', status: 401, message: 'Incorrect API key provided' },
      { kind: 'error', status: 403 },
      { kind: 'error', status: 400, message: 'image_url is not supported by this model' },
    );
    expect(await failure(provider.analyze(request()))).toMatchObject({ retryable: true, retryAfterMs: 250, code: 'upstream_unavailable' });
    const unauthorized = (await failure(provider.analyze(request()))) as UpstreamError;
    expect(unauthorized).toMatchObject({ retryable: false, code: 'upstream_unauthorized' });
    expect(unauthorized.message).toContain('OPENAI_API_KEY rejected');
    expect(await failure(provider.analyze(request()))).toMatchObject({ retryable: false, code: 'upstream_forbidden' });
    const bad = (await failure(provider.analyze(request()))) as UpstreamError;
    expect(bad).toMatchObject({ retryable: false, code: 'upstream_bad_request' });
    expect(bad.message).toContain('VISION_MODEL');
  });

  it('aborts the HTTP request when the signal aborts (the server sees the connection close)', async () => {
    server.respondWith({ kind: 'hang' });
    const controller = new AbortController();
    const pending = failure(provider.analyze(request(controller.signal)));
    const received = await server.request(1);
    controller.abort('cancelled');
    await received.abandoned;
    expect(await pending).toBeInstanceOf(OpenAI.APIUserAbortError);
  });

  it('says so when the endpoint cannot be reached (retryable)', async () => {
    const nowhere = new OpenAiVisionProvider(new OpenAI({ apiKey: 'k', baseURL: 'http://127.0.0.1:9/v1', maxRetries: 0 }), 'm');
    expect(await failure(nowhere.analyze(request()))).toMatchObject({ retryable: true, code: 'upstream_unreachable' });
  });

  describe('with schema validation (analyzeStructured)', () => {
    it('asks once more after invalid JSON, telling the model why, then succeeds', async () => {
      server.respondWith({ kind: 'content', content: '{"base_color": "brown", oops' });
      const result = await analyzeStructured(provider, request(), noSteps);
      expect(result.tries).toBe(2);
      expect(result.usage?.total_tokens).toBe(2 * FAKE_USAGE.total_tokens);
      const retryText = JSON.stringify((await server.request(2)).body.messages);
      expect(retryText).toContain('previous answer was rejected');
    });

    it('fails without retry after two answers that do not match the schema', async () => {
      server.respondWith({ kind: 'content', content: '{"base_color": 42}' }, { kind: 'content', content: 'not json at all' });
      const err = (await failure(analyzeStructured(provider, request(), noSteps))) as UpstreamError;
      expect(err).toMatchObject({ code: 'invalid_model_output', retryable: false });
      expect(err.message).toContain('not valid JSON');
      expect(server.requests).toHaveLength(2);
    });
  });
});
