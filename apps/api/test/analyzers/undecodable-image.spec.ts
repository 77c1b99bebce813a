import { corruptPng } from './support/fixtures';
import { NOTHING, startAnalyzerApp, type AnalyzerTestApp } from './support/analyzer-app';

// A file whose container is whole (it passes the cheap structure checks) but whose pixels cannot
// be decoded is still refused in the request: 400, and nothing is created (API.md).
describe('an upload that is whole but cannot be decoded', () => {
  let t: AnalyzerTestApp;

  beforeAll(async () => {
    t = await startAnalyzerApp();
  });
  afterAll(() => t.close());

  it.each([
    ['async_mode=true', { async_mode: 'true' }],
    ['waiting (default)', {}],
  ])('%s: 400 problem+json with code image_undecodable, and no job, image or blob', async (_mode, query) => {
    const res = await t.http.post('/api/analyzers/hair-color/analyze').query(query).attach('image', corruptPng(), 'broken.png');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, code: 'image_undecodable' });
    expect(res.body.detail).toMatch(/cannot be decoded/);
    expect(await t.footprint()).toEqual(NOTHING);
  });
});
