import sharp from 'sharp';
import type { Job, JobEvent, Preset } from '@atelier/contracts';
import { rotatedJpegWithExif, solidImage, stripesImage } from './support/fixtures';
import { startAnalyzerApp, type AnalyzerTestApp } from './support/analyzer-app';

describe('analyses with the offline provider (no key configured)', () => {
  let t: AnalyzerTestApp;

  beforeAll(async () => {
    t = await startAnalyzerApp({ OFFLINE_LATENCY_MS: '30' });
  });
  afterAll(() => t.close());

  it('lists the eight analyzers and comprehensive', async () => {
    const res = await t.http.get('/api/analyzers').expect(200);
    expect(res.body.analyzers.map((a: { name: string }) => a.name)).toEqual([
      'visual-style', 'art-style', 'hair-style', 'hair-color', 'makeup', 'expression', 'accessories', 'outfit', 'comprehensive',
    ]);
  });

  it('waits by default and answers the result, its preset (labelled offline) and the job id', async () => {
    const red = await solidImage('#d01818', 90, 60);
    const res = await t.http.post('/api/analyzers/visual-style/analyze').attach('image', red, 'red.png').expect(200);
    const { analyzer, result, preset, job_id } = res.body as { analyzer: string; result: Record<string, never>; preset: Preset; job_id: string };
    expect(analyzer).toBe('visual-style');
    expect(result['palette'][0]).toMatchObject({ name: 'red' });
    expect(preset).toMatchObject({ category: 'visual-style', provider: 'offline', source_image_id: expect.stringMatching(/^[0-9a-f]{64}$/), job_id });
    expect(preset.data['offline_note']).toMatch(/offline/);
    expect(preset.data).toEqual(result);
    expect((await t.http.get(`/api/presets/${preset.preset_id}`).expect(200)).body).toEqual(preset);
    const job = (await t.http.get(`/api/jobs/${job_id}`).expect(200)).body as Job<'analyze'>;
    expect(job).toMatchObject({ status: 'completed', progress: 1, total_steps: 6, result: { preset_id: preset.preset_id, analyzer: 'visual-style' } });
    expect(job.metadata).toMatchObject({ cached: false, provider: 'offline' });
  });

  it("async_mode=true answers 202 with the job and its Location; progress counts each of the provider's stages as a step", async () => {
    const steps: string[] = [];
    const sub = t.engine.bus.events$.subscribe((e: JobEvent) => {
      if (e.event === 'job.updated' && e.data.type === 'analyze' && e.data.step_label) steps.push(`${e.data.current_step}/${e.data.total_steps} ${e.data.step_label}`);
    });
    const res = await t.http
      .post('/api/analyzers/hair-color/analyze')
      .query({ async_mode: 'true' })
      .field('preset_name', 'Blue study')
      .attach('image', await stripesImage(['#2040d0', '#e0e0e0']), 'blue.png')
      .expect(202);
    expect(res.headers['location']).toBe(`/api/jobs/${res.body.job_id}`);
    expect(res.body).toMatchObject({ status: 'queued', job: { job_id: res.body.job_id, type: 'analyze', status: 'queued', input: { analyzer: 'hair-color' } } });
    const job = (await t.ended(res.body.job_id)) as Job<'analyze'>;
    sub.unsubscribe();
    expect(job.status).toBe('completed');
    // The event stream carries every step (progress is coalesced only for SSE clients).
    expect([...new Set(steps)]).toEqual([
      '0/0 Starting',
      '1/6 Preparing image',
      '2/6 Measuring the image',
      '3/6 Quantising the palette',
      '4/6 Mapping features to the schema',
      '5/6 Validating the answer',
      '6/6 Saving preset',
    ]);
    const preset = (await t.http.get(`/api/presets/${job.result!.preset_id}`).expect(200)).body as Preset;
    expect(preset.name).toBe('Blue study');
    expect(preset.data['swatches']).toHaveLength(2);
  });

  it('stores the same image once and reuses a cached result (the job still completes, metadata.cached)', async () => {
    const green = await solidImage('#10a040', 50, 50);
    const first = (await t.http.post('/api/analyzers/art-style/analyze').attach('image', green, 'g.png').expect(200)).body;
    const before = await t.footprint();
    const second = (await t.http.post('/api/analyzers/art-style/analyze').attach('image', green, 'again.png').expect(200)).body;
    const after = await t.footprint();
    expect(second.preset.preset_id).toBe(first.preset.preset_id);
    expect(second.job_id).not.toBe(first.job_id);
    expect((await t.http.get(`/api/jobs/${second.job_id}`)).body).toMatchObject({ status: 'completed', metadata: { cached: true, cached_preset_id: first.preset.preset_id } });
    expect(after).toEqual({ ...before, jobs: before.jobs + 1 });
  });

  it('serves the original image and a 256 px WebP thumbnail (stored by its generate_thumbnail job)', async () => {
    const big = await solidImage('#8040c0', 800, 400, 'jpeg');
    const { body } = await t.http.post('/api/analyzers/outfit/analyze').query({ async_mode: 'true' }).attach('image', big, 'big.jpg').expect(202);
    const imageId = (body.job as Job<'analyze'>).input.image_id;
    const original = await t.http.get(`/api/images/${imageId}`).buffer(true).expect(200);
    expect(original.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.compare(original.body as Buffer, big)).toBe(0);

    const onDemand = await t.http.get(`/api/images/${imageId}/thumbnail`).buffer(true).expect(200);
    expect(onDemand.headers['content-type']).toBe('image/webp');
    expect(await sharp(onDemand.body as Buffer).metadata()).toMatchObject({ format: 'webp', width: 256, height: 128 });

    const thumbs = (await t.http.get('/api/jobs').query({ type: 'generate_thumbnail' })).body.jobs as Job<'generate_thumbnail'>[];
    const thumbJob = thumbs.find((j) => j.input.image_id === imageId)!;
    expect((await t.ended(thumbJob.job_id)).status).toBe('completed');
    const row = await t.db.selectFrom('images').selectAll().where('image_id', '=', imageId).executeTakeFirstOrThrow();
    expect(row.thumbnail_sha256).toMatch(/^[0-9a-f]{64}$/);
    await t.ended(body.job_id);

    await t.http.get(`/api/images/${'0'.repeat(64)}`).expect(404);
    await t.http.get('/api/images/not-an-id/thumbnail').expect(404); // ids are opaque: any shape that names nothing
  });

  it('analyses the oriented, metadata-free copy: a rotated photo reads as portrait', async () => {
    const res = await t.http.post('/api/analyzers/visual-style/analyze').attach('image', await rotatedJpegWithExif(80, 40), 'phone.jpg').expect(200);
    expect(res.body.result.composition.aspect).toBe('portrait');
  });

  it('lists presets by category with paging, renames and deletes them', async () => {
    const all = (await t.http.get('/api/presets').query({ limit: 200 }).expect(200)).body.presets as Preset[];
    expect(all.length).toBeGreaterThanOrEqual(4);
    const page = (await t.http.get('/api/presets').query({ limit: 1, category: 'visual-style' }).expect(200)).body;
    expect(page.presets).toHaveLength(1);
    expect(page.presets[0].category).toBe('visual-style');
    const next = (await t.http.get('/api/presets').query({ limit: 1, category: 'visual-style', cursor: page.next_cursor }).expect(200)).body;
    expect(next.presets[0].preset_id).not.toBe(page.presets[0].preset_id);
    await t.http.get('/api/presets').query({ limit: 'lots' }).expect(400);

    const id = page.presets[0].preset_id;
    expect((await t.http.patch(`/api/presets/${id}`).send({ name: 'Renamed' }).expect(200)).body.name).toBe('Renamed');
    await t.http.patch(`/api/presets/${id}`).send({ name: '' }).expect(400);
    await t.http.delete(`/api/presets/${id}`).expect(204);
    await t.http.get(`/api/presets/${id}`).expect(404);
  });

  it('generates a labelled offline image from a preset (generate_image job)', async () => {
    const made = (await t.http.post('/api/analyzers/visual-style/analyze').attach('image', await stripesImage(['#c03020', '#f0c040']), 's.png').expect(200)).body;
    const res = await t.http.post(`/api/presets/${made.preset.preset_id}/generate`).send({ prompt: 'a poster' }).expect(202);
    expect(res.headers['location']).toBe(`/api/jobs/${res.body.job_id}`);
    const job = (await t.ended(res.body.job_id)) as Job<'generate_image'>;
    expect(job).toMatchObject({ status: 'completed', result: { preset_id: made.preset.preset_id, provider: 'offline' } });
    const image = await t.http.get(`/api/images/${job.result!.image_id}`).buffer(true).expect(200);
    expect(await sharp(image.body as Buffer).metadata()).toMatchObject({ format: 'png', width: 768, height: 768 });
    await t.http.post(`/api/presets/${'0193a7c2-5b1e-7c3a-9f10-2b3c4d5e6f70'}/generate`).send({}).expect(404);
  });
});

describe('the sync wait limit', () => {
  let t: AnalyzerTestApp;

  beforeAll(async () => {
    t = await startAnalyzerApp({ OFFLINE_LATENCY_MS: '60000', SYNC_WAIT_TIMEOUT_MS: '200' });
  });
  afterAll(() => t.close());

  it('answers 504 past SYNC_WAIT_TIMEOUT_MS while the job goes on', async () => {
    const res = await t.http.post('/api/analyzers/makeup/analyze').attach('image', await solidImage('#ffcc99'), 'face.png').expect(504);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    const jobId = /job ([0-9a-f-]{36})/.exec(res.body.detail)![1];
    expect((await t.http.get(`/api/jobs/${jobId}`)).body.status).toBe('running');
    await t.http.post(`/api/jobs/${jobId}/cancel`).expect(200);
  });
});
