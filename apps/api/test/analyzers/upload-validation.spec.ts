import { bombPng, noiseImage, solidImage } from './support/fixtures';
import { NOTHING, startAnalyzerApp, type AnalyzerTestApp } from './support/analyzer-app';

describe('upload validation: bad files answer 4xx problem+json and create nothing', () => {
  let t: AnalyzerTestApp;

  beforeAll(async () => {
    t = await startAnalyzerApp({ MAX_UPLOAD_BYTES: '100000' });
  });
  afterAll(() => t.close());
  afterEach(async () => expect(await t.footprint()).toEqual(NOTHING));

  const post = (path = '/api/analyzers/hair-color/analyze') => t.http.post(path);
  const expectProblem = (res: { status: number; headers: Record<string, string>; body: { status: number; detail: string } }, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.status).toBe(status);
    expect(res.body.detail.length).toBeGreaterThan(10);
  };

  it('no image field: 400 naming the field', async () => {
    const res = await post().field('preset_name', 'x');
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([{ field: 'image', message: 'is required' }]);
  });

  it('an empty file: 400', async () => {
    expectProblem(await post().attach('image', Buffer.alloc(0), { filename: 'empty.png', contentType: 'image/png' }), 400);
  });

  it('text named .png (lying type): 415', async () => {
    const res = await post().attach('image', Buffer.from('just some text, honestly'), { filename: 'photo.png', contentType: 'image/png' });
    expectProblem(res, 415);
    expect(res.body.detail).toContain('"photo.png" is not a JPEG, PNG, WebP or GIF');
  });

  it('a truncated PNG: 400', async () => {
    const png = await noiseImage(120, 120);
    const res = await post().attach('image', png.subarray(0, Math.floor(png.length * 0.6)), { filename: 'cut.png', contentType: 'image/png' });
    expectProblem(res, 400);
    expect(res.body.detail).toMatch(/cannot be decoded/);
  });

  it('an upload over MAX_UPLOAD_BYTES: 413', async () => {
    const big = await noiseImage(400, 400);
    expect(big.length).toBeGreaterThan(100_000);
    expectProblem(await post().attach('image', big, { filename: 'big.png', contentType: 'image/png' }), 413);
  });

  it('a decompression bomb (small file, 64 megapixels): 413 naming the pixel limit', async () => {
    const res = await post().attach('image', bombPng(), { filename: 'bomb.png', contentType: 'image/png' });
    expectProblem(res, 413);
    expect(res.body.detail).toContain('MAX_IMAGE_PIXELS');
  });

  it('an unknown analyzer: 404, even with a good image', async () => {
    expectProblem(await post('/api/analyzers/tattoos/analyze').attach('image', await solidImage('#ff0000'), 'red.png'), 404);
  });

  it('comprehensive with an unknown analyzer: 400 listing the valid ones', async () => {
    const res = await post('/api/analyzers/comprehensive/analyze').field('analyzers', 'makeup,tattoos').attach('image', await solidImage('#ff0000'), 'red.png');
    expectProblem(res, 400);
    expect(res.body.detail).toMatch(/tattoos.*visual-style, art-style, hair-style, hair-color, makeup, expression, accessories, outfit/);
  });

  it('comprehensive with a bad file: 415', async () => {
    expectProblem(await post('/api/analyzers/comprehensive/analyze').attach('image', Buffer.from('%PDF-1.7'), 'doc.pdf'), 415);
  });

  it('a second file, or an unknown form field: 400', async () => {
    const red = await solidImage('#ff0000');
    expectProblem(await post().attach('image', red, 'a.png').attach('image', red, 'b.png'), 400);
    expectProblem(await post().field('colour', 'red').attach('image', red, 'a.png'), 400);
  });

  it('a bad async_mode value: 400', async () => {
    expectProblem(await post().query({ async_mode: 'maybe' }).attach('image', await solidImage('#ff0000'), 'a.png'), 400);
  });
});
