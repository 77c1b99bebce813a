import sharp from 'sharp';
import type { Job } from '@atelier/contracts';
import { BlobStore } from '@atelier/persistence';
import { rotatedJpegWithExif } from './support/fixtures';
import { startAnalyzerApp, type AnalyzerTestApp } from './support/analyzer-app';

// The upload stores only the original; the first analysis makes the normalised copy (decoded,
// oriented, metadata stripped) once, records it on the image, and every later analysis reuses it.
describe('image preparation in the analyze job', () => {
  let t: AnalyzerTestApp;

  beforeAll(async () => {
    t = await startAnalyzerApp();
  });
  afterAll(() => t.close());

  const imageRow = (id: string) => t.db.selectFrom('images').selectAll().where('image_id', '=', id).executeTakeFirstOrThrow();

  it('normalises on first use, once for all eight children of a comprehensive request, and reuses the copy', async () => {
    const source = await rotatedJpegWithExif(80, 40);
    const res = await t.http.post('/api/analyzers/comprehensive/analyze').query({ async_mode: 'true' }).attach('image', source, 'gps.jpg').expect(202);
    const imageId = res.body.job.input.image_id as string;
    const uploaded = await imageRow(imageId);
    expect(uploaded).toMatchObject({ width: 40, height: 80, mime_type: 'image/jpeg' });
    expect((await t.ended(res.body.job_id)).status).toBe('completed');
    const [thumbnail] = (await t.http.get('/api/jobs').query({ type: 'generate_thumbnail' })).body.jobs as Job[];
    expect((await t.ended(thumbnail!.job_id)).status).toBe('completed');

    const row = await imageRow(imageId);
    expect(row.normalized_sha256).not.toBe(row.sha256);
    const normalised = await t.db.selectFrom('blobs').select('sha256').where('sha256', '=', row.normalized_sha256).executeTakeFirst();
    expect(normalised).toBeDefined();
    const before = await t.footprint();
    // original + one normalised copy + the thumbnail: the eight children shared one normalisation
    expect(before.blobs).toBe(3);

    const again = await t.http.post('/api/analyzers/hair-color/analyze').query({ async_mode: 'true' }).attach('image', source, 'again.jpg').expect(202);
    expect((await t.ended(again.body.job_id)).status).toBe('completed');
    expect((await imageRow(imageId)).normalized_sha256).toBe(row.normalized_sha256);
    expect((await t.footprint()).blobs).toBe(before.blobs);
  });

  it('the normalised copy is oriented and carries no EXIF/GPS', async () => {
    const source = await rotatedJpegWithExif(60, 30);
    const res = await t.http.post('/api/analyzers/makeup/analyze').attach('image', source, 'gps2.jpg').expect(200);
    const row = await imageRow(res.body.preset.source_image_id);
    const blob = await t.app.get(BlobStore).get(row.normalized_sha256);
    const meta = await sharp(blob).metadata();
    expect(meta.format).toBe('jpeg');
    expect([meta.width, meta.height]).toEqual([30, 60]);
    expect(meta.exif).toBeUndefined();
  });
});
