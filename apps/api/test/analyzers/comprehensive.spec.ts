import { isJobDataEvent, type Job, type JobEvent, type Preset } from '@atelier/contracts';
import { FakeOpenAiServer, noiseImage, solidImage } from './support/fixtures';
import { startAnalyzerApp, type AnalyzerTestApp } from './support/analyzer-app';

const EIGHT = ['visual-style', 'art-style', 'hair-style', 'hair-color', 'makeup', 'expression', 'accessories', 'outfit'];

describe('comprehensive analysis (offline)', () => {
  let t: AnalyzerTestApp;

  beforeAll(async () => {
    t = await startAnalyzerApp({ OFFLINE_LATENCY_MS: '150' });
  });
  afterAll(() => t.close());

  it('runs all eight as children of one parent, in parallel, and answers every result and preset', async () => {
    const running = new Set<string>();
    let most = 0;
    const sub = t.engine.bus.events$.subscribe((e: JobEvent) => {
      if (!isJobDataEvent(e) || e.data.type !== 'analyze') return;
      if (e.data.status === 'running') running.add(e.data.job_id);
      else running.delete(e.data.job_id);
      most = Math.max(most, running.size);
    });
    const res = await t.http.post('/api/analyzers/comprehensive/analyze').attach('image', await solidImage('#c01830'), 'red.png').expect(200);
    sub.unsubscribe();
    expect(Object.keys(res.body.results).sort()).toEqual([...EIGHT].sort());
    expect((res.body.presets as Preset[]).map((p) => p.category).sort()).toEqual([...EIGHT].sort());
    expect(res.body.results['visual-style'].palette[0].name).toBe('red');
    expect(most).toBeGreaterThan(1);

    const parent = (await t.http.get(`/api/jobs/${res.body.job_id}`)).body as Job<'comprehensive_analyze'>;
    expect(parent).toMatchObject({ type: 'comprehensive_analyze', status: 'completed', title: 'Comprehensive analysis (8/8)', progress: 1 });
    expect(parent.child_ids).toHaveLength(8);
    expect([...parent.result!.preset_ids].sort()).toEqual((res.body.presets as Preset[]).map((p) => p.preset_id).sort());
  });

  it('async_mode=true creates the parent and one child per selected analyzer at once', async () => {
    const res = await t.http
      .post('/api/analyzers/comprehensive/analyze')
      .query({ async_mode: 'true' })
      .field('analyzers', 'makeup, hair-color')
      .field('preset_name', 'Look')
      .attach('image', await noiseImage(64, 64), 'noise.png')
      .expect(202);
    expect(res.headers['location']).toBe(`/api/jobs/${res.body.job_id}`);
    expect(res.body.job).toMatchObject({ type: 'comprehensive_analyze', input: { analyzers: ['makeup', 'hair-color'] } });
    const children = (await t.http.get('/api/jobs').query({ parent_id: res.body.job_id })).body.jobs as Job<'analyze'>[];
    expect(children.map((c) => c.input.analyzer).sort()).toEqual(['hair-color', 'makeup']);
    expect(children.every((c) => c.parent_id === res.body.job_id)).toBe(true);

    const parent = await t.ended(res.body.job_id);
    expect(parent.status).toBe('completed');
    const presets = (await t.http.get('/api/presets').query({ category: 'makeup', limit: 1 })).body.presets as Preset[];
    expect(presets[0].name).toBe('Look · Makeup');
  });
});

describe('comprehensive analysis with a partial failure (openai provider)', () => {
  const server = new FakeOpenAiServer();
  let t: AnalyzerTestApp;

  beforeAll(async () => {
    await server.start();
    t = await startAnalyzerApp({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.url, VISION_MODEL: 'vision-e2e' });
  });
  afterAll(async () => {
    await t.close();
    await server.stop();
  });

  it('fails the parent naming the failed child; a retry re-runs only that child', async () => {
    server.respondToSchema('makeup', { kind: 'error', status: 403 });
    const res = await t.http
      .post('/api/analyzers/comprehensive/analyze')
      .field('analyzers', 'hair-color,makeup,outfit')
      .attach('image', await solidImage('#335577'), 'p.png')
      .expect(502);
    expect(res.body).toMatchObject({ code: 'children_failed', detail: expect.stringContaining('Makeup analysis (failed)') });
    const parentId = /job ([0-9a-f-]{36})/.exec(res.body.detail)![1];
    const failed = (await t.http.get(`/api/jobs/${parentId}`)).body as Job<'comprehensive_analyze'>;
    expect(failed).toMatchObject({ status: 'failed', result: { failed: ['makeup'] } });
    expect(failed.result!.preset_ids).toHaveLength(2);
    const before = (await t.http.get('/api/jobs').query({ parent_id: parentId })).body.jobs as Job<'analyze'>[];
    expect(server.requests).toHaveLength(3);

    await t.http.post(`/api/jobs/${parentId}/retry`).expect(202);
    const parent = (await t.ended(parentId)) as Job<'comprehensive_analyze'>;
    expect(parent).toMatchObject({ status: 'completed', title: 'Comprehensive analysis (3/3)' });
    expect(parent.result!.preset_ids).toHaveLength(3);
    expect(server.requests).toHaveLength(4);
    expect(server.requests[3].body.response_format?.json_schema?.name).toBe('makeup');

    const after = (await t.http.get('/api/jobs').query({ parent_id: parentId })).body.jobs as Job<'analyze'>[];
    for (const child of after) {
      const was = before.find((b) => b.job_id === child.job_id)!;
      if (child.input.analyzer === 'makeup') expect(child).toMatchObject({ status: 'completed', attempts: 2 });
      else expect(child).toMatchObject({ status: 'completed', attempts: 1, finished_at: was.finished_at, result: was.result });
    }
  });
});
