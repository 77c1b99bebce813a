import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Job, Preset } from '@atelier/contracts';
import { startAnalyzerApp, type AnalyzerTestApp } from '../analyzers/support/analyzer-app';
import { batchForm, distinctImage, distinctImages, postBatch } from './batch-support';
import { authHeaders, loginAsAdmin } from '../support/auth';
import { until } from '../access/access-harness';

describe('POST /api/batches (offline provider)', () => {
  let t: AnalyzerTestApp;

  beforeAll(async () => {
    t = await startAnalyzerApp({ JOB_QUOTA_PER_USER: '100000', WORKER_CONCURRENCY: '8' });
  });
  afterAll(() => t.close());

  const children = async (parentId: string): Promise<Job[]> => {
    const jobs: Job[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { jobs: Job[]; next_cursor: string | null } } = await t.http.get('/api/jobs').query({ parent_id: parentId, limit: 200, ...(cursor ? { cursor } : {}) });
      jobs.push(...page.body.jobs);
      cursor = page.body.next_cursor;
    } while (cursor);
    return jobs;
  };

  it('a batch of 100 images with one analyzer ends with one preset per image, its title counting them', async () => {
    const before = await t.footprint();
    const images = await distinctImages(100);
    const res = await postBatch(t, images, { analyzers: 'hair-color', preset_name: 'Spring' }).expect(202);
    expect(res.headers['location']).toBe(`/api/jobs/${res.body.job_id}`);
    expect(res.body.job).toMatchObject({ type: 'batch', status: 'queued', title: 'Batch (0/100)', input: { analyzers: ['hair-color'], images: 100 } });
    expect(res.body.job.child_ids).toHaveLength(100);

    const batch = await t.ended(res.body.job_id, 120_000);
    expect(batch).toMatchObject({ status: 'completed', title: 'Batch (100/100)', progress: 1 });
    const kids = await children(batch.job_id);
    expect(kids).toHaveLength(100);
    expect(kids.every((k) => k.type === 'analyze' && k.status === 'completed')).toBe(true);
    expect(new Set(kids.map((k) => (k as Job<'analyze'>).input.image_id)).size).toBe(100);
    expect(new Set(kids.map((k) => k.metadata['file_name']))).toEqual(new Set(images.map((i) => i.name)));

    const after = await t.footprint();
    expect(after.presets - before.presets).toBe(100);
    expect(after.images - before.images).toBe(100);
    const presetIds = kids.map((k) => (k as Job<'analyze'>).result!.preset_id);
    const preset = (await t.http.get(`/api/presets/${presetIds[0]}`).expect(200)).body as Preset;
    expect(preset.name).toMatch(/^Spring · \d+$/);
    expect((batch as Job<'batch'>).result).toEqual({ completed_ids: expect.arrayContaining(kids.map((k) => k.job_id)), failed_ids: [] });
  }, 180_000);

  it('several analyzers make each image a comprehensive analysis with its own children', async () => {
    const res = await postBatch(t, await distinctImages(3), { analyzers: 'makeup,hair-color' }).expect(202);
    const batch = await t.ended(res.body.job_id, 60_000);
    expect(batch).toMatchObject({ status: 'completed', title: 'Batch (3/3)' });
    const kids = await children(batch.job_id);
    expect(kids.map((k) => [k.type, k.status, k.child_ids.length])).toEqual(Array(3).fill(['comprehensive_analyze', 'completed', 2]));
    for (const kid of kids) expect((await children(kid.job_id)).map((g) => (g as Job<'analyze'>).input.analyzer).sort()).toEqual(['hair-color', 'makeup']);
  }, 90_000);

  it('a bad file in the middle refuses the whole batch, naming it, and creates nothing', async () => {
    const images = await distinctImages(6);
    const known = images[0];
    // One file of the refused batch is stored already: it is recognised by its bytes, and still nothing is created.
    const first = await postBatch(t, [known], { analyzers: 'makeup' }).expect(202);
    await t.ended(first.body.job_id);
    await until('its thumbnail job to end', async () => (await t.engine.jobs.list({ limit: 200, statuses: ['queued', 'running'] })).jobs.length === 0);
    const before = await t.footprint();
    const corrupt = { data: Buffer.concat([images[4].data.subarray(0, 40)]), name: 'broken.png' };
    const bad = [...images.slice(0, 3), corrupt, ...images.slice(3)];
    const res = await postBatch(t, bad, { analyzers: 'makeup' }).expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.detail).toContain('images[3] ("broken.png")');
    expect(res.body.detail).toContain('Nothing was created');
    expect(res.body.errors).toEqual([{ field: 'images[3]', message: expect.stringContaining('broken.png') }]);
    expect(await t.footprint()).toEqual(before);

    const text = await postBatch(t, [images[1], { data: Buffer.from('not an image at all'), name: 'notes.txt' }], { analyzers: 'makeup' }).expect(415);
    expect(text.body.errors[0].field).toBe('images[1]');
    const empty = await postBatch(t, [{ data: Buffer.alloc(0), name: 'empty.png' }], { analyzers: 'makeup' }).expect(400);
    expect(empty.body.detail).toContain('images[0] ("empty.png")');
    expect(await t.footprint()).toEqual(before);
  }, 60_000);

  it('refuses without images, with an unknown analyzer, a wrong file field or a bad priority', async () => {
    const before = await t.footprint();
    expect((await t.http.post('/api/batches').field('analyzers', 'makeup').expect(400)).body.errors).toEqual([{ field: 'images', message: 'is required' }]);
    expect((await postBatch(t, [await distinctImage()], { analyzers: 'nope' }).expect(400)).body.detail).toContain('Unknown analyzer');
    const wrongField = await t.http.post('/api/batches').attach('image', (await distinctImage()).data, 'one.png').expect(400);
    expect(wrongField.body.detail).toContain('"images"');
    expect((await postBatch(t, [await distinctImage()], { priority: '11' }).expect(400)).body.detail).toContain('priority');
    expect(await t.footprint()).toEqual(before);
  });
});

describe('POST /api/batches limits', () => {
  let t: AnalyzerTestApp;

  beforeAll(async () => {
    t = await startAnalyzerApp({ MAX_UPLOAD_BYTES: '2048', BATCH_MAX_BYTES: '4096', BATCH_MAX_FILES: '3' });
  });
  afterAll(() => t.close());

  const uploadsLeft = () => readdirSync(join(t.dataDir, 'tmp', 'batches'));

  it('answers 413 naming a file past MAX_UPLOAD_BYTES, a batch past BATCH_MAX_BYTES or BATCH_MAX_FILES, and leaves no upload on disk', async () => {
    const before = await t.footprint();
    const small = await distinctImages(3);
    const big = { data: Buffer.concat([small[0].data, Buffer.alloc(3000)]), name: 'big.png' };
    const tooBig = await postBatch(t, [small[1], big]).expect(413);
    expect(tooBig.body.detail).toContain('images[1] "big.png"');
    expect(tooBig.body.errors).toEqual([{ field: 'images[1]', message: '"big.png" is too large' }]);

    const padded = (i: number) => ({ data: Buffer.concat([small[i].data, Buffer.alloc(1900 - small[i].data.length)]), name: `padded-${i}.png` });
    const tooMuch = await postBatch(t, [padded(0), padded(1), padded(2)]).expect(413);
    expect(tooMuch.body.detail).toContain('BATCH_MAX_BYTES');

    const tooMany = await postBatch(t, [...small, (await distinctImages(1))[0]]).expect(413);
    expect(tooMany.body.detail).toContain('at most 3 images (BATCH_MAX_FILES)');
    expect(await t.footprint()).toEqual(before);

    await postBatch(t, small, { analyzers: 'makeup' }).expect(202);
    // Removed as each request is answered (not awaited by the answer).
    await until('the uploads to be removed', async () => uploadsLeft().length === 0, 5000);
  });

  it('a client that goes away mid-upload leaves nothing behind, and the server goes on', async () => {
    await until('earlier jobs to end', async () => (await t.engine.jobs.list({ limit: 1, statuses: ['queued', 'running'] })).jobs.length === 0);
    const before = await t.footprint();
    const { body, contentType } = await batchForm(3, { analyzers: 'makeup' });
    const { port } = t.app.getHttpServer().address() as { port: number };
    const auth = authHeaders(await loginAsAdmin(`http://127.0.0.1:${port}`));
    await new Promise<void>((resolve) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/batches', headers: { 'content-type': contentType, 'content-length': body.length, ...auth } });
      req.on('error', () => resolve());
      req.write(body.subarray(0, Math.floor(body.length * 0.6)));
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 200);
    });
    await t.http.get('/api/health').expect(200);
    await until('the partial upload to be removed', async () => uploadsLeft().length === 0, 5000);
    expect(await t.footprint()).toEqual(before);
  });
});
