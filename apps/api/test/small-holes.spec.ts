/**
 * Small holes of issue #10: bad input that answered 500 or slipped through, over real HTTP against
 * the real API (AppModule, offline provider).
 */
import type { Response } from 'supertest';
import { corruptPng, solidImage } from './analyzers/support/fixtures';
import { startAnalyzerApp, type AnalyzerTestApp } from './analyzers/support/analyzer-app';

describe('small holes', () => {
  let t: AnalyzerTestApp;
  let presetId: string;

  beforeAll(async () => {
    t = await startAnalyzerApp();
    const made = await t.http.post('/api/analyzers/hair-color/analyze').attach('image', await solidImage('#8a4b2a'), 'swatch.png');
    expect(made.status).toBe(200);
    presetId = made.body.preset.preset_id;
  });
  afterAll(() => t.close());

  const expectProblem = (res: Response, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.status).toBe(status);
  };
  const rename = (body: string | object, id = presetId) => {
    const req = t.http.patch(`/api/presets/${id}`).set('Content-Type', 'application/json');
    return req.send(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const storedName = async () => (await t.http.get(`/api/presets/${presetId}`).expect(200)).body.name as string;

  describe('deeply nested JSON bodies', () => {
    it.each([
      ['50 000 nested arrays', '['.repeat(50_000) + ']'.repeat(50_000)],
      ['16 000 nested objects', '{"a":'.repeat(16_000) + '1' + '}'.repeat(16_000)],
      ['a name nested 65 deep', `{"name":${'['.repeat(64)}"x"${']'.repeat(64)}}`],
    ])('%s: 400 naming the limit, nothing renamed', async (_case, body) => {
      const before = await storedName();
      const res = await rename(body);
      expectProblem(res, 400);
      expect(res.body.detail).toMatch(/JSON nested deeper than 64 levels/);
      expect(await storedName()).toBe(before);
    });

    it('brackets inside strings do not count', async () => {
      const name = `${'['.repeat(90)} brackets ${'{'.repeat(90)}`;
      const res = await rename({ name });
      expect(res.status).toBe(200);
      expect(res.body.name).toBe(name);
    });
  });

  describe('preset names', () => {
    const forbidden: [string, string][] = [
      ['NUL', '\u0000'],
      ['a line feed inside', '\n'],
      ['DEL', '\u007f'],
      ['a C1 control (NEL)', '\u0085'],
      ['a right-to-left override', '\u202e'],
      ['a left-to-right embedding', '\u202a'],
      ['a first-strong isolate', '\u2068'],
      ['a right-to-left mark', '\u200f'],
      ['a zero-width space', '\u200b'],
      ['a lone surrogate', '\ud800'],
    ];

    it.each(forbidden)('PATCH: %s is refused with 400 naming the field', async (_what, char) => {
      const before = await storedName();
      const res = await rename({ name: `Copper${char}balayage` });
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([{ field: 'name', message: expect.stringMatching(/^name must not contain control or invisible formatting characters \(found U\+[0-9A-F]{4} at character 7\)$/) }]);
      expect(await storedName()).toBe(before);
    });

    it('PATCH: trims, keeps emoji sequences (ZWJ), bounds the length', async () => {
      expect((await rename({ name: '   Copper balayage \t ' }).expect(200)).body.name).toBe('Copper balayage');
      expect((await rename({ name: 'Family 👨‍👩‍👧 look' }).expect(200)).body.name).toBe('Family 👨‍👩‍👧 look');
      for (const name of ['   ', 'x'.repeat(201)]) {
        const res = await rename({ name });
        expectProblem(res, 400);
        expect(res.body.errors).toEqual([{ field: 'name', message: 'name must be 1–200 characters (spaces at either end do not count)' }]);
      }
    });

    it.each([
      ['/api/analyzers/hair-color/analyze', 'evil\u202egnp.exe'],
      ['/api/analyzers/comprehensive/analyze', 'tab\there'],
    ])('%s: a preset_name with a control or bidi character is refused with 400 naming the field, creating nothing', async (path, name) => {
      const before = await t.footprint();
      const res = await t.http.post(path).query({ async_mode: 'true' }).field('preset_name', name).attach('image', await solidImage('#123456'), 'x.png');
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([{ field: 'preset_name', message: expect.stringMatching(/^preset_name must not contain control or invisible formatting characters/) }]);
      expect(await t.footprint()).toEqual(before);
    });

    it('analyze: a preset_name is trimmed before it names the preset', async () => {
      const res = await t.http.post('/api/analyzers/hair-color/analyze').field('preset_name', '  Dusk copper  ').attach('image', await solidImage('#a0522d'), 'dusk.png');
      expect(res.status).toBe(200);
      expect(res.body.preset.name).toBe('Dusk copper');
    });
  });

  describe('undecodable images', () => {
    it.each([
      ['pixels that are not a zlib stream', corruptPng(), 'image_undecodable'],
      ['a PNG signature followed by junk', Buffer.concat([corruptPng().subarray(0, 8), Buffer.from('not a header at all')]), 'invalid_input'],
    ])('%s: the detail says what is wrong in plain words, not in the decoder\'s', async (_case, file, code) => {
      const res = await t.http.post('/api/analyzers/hair-color/analyze').attach('image', file, 'broken.png');
      expectProblem(res, 400);
      expect(res.body.code).toBe(code);
      expect(res.body.detail).toMatch(/is not a valid PNG image: it is truncated or corrupt, so it cannot be decoded\.$/);
      expect(res.body.detail).not.toMatch(/vips|libpng|sharp|input buffer|corrupt header/i);
    });
  });

  describe('ids are opaque: an id that names nothing answers 404, whatever its shape', () => {
    const long = 'x'.repeat(300);
    it.each([
      ['GET', '/api/jobs/nope'],
      ['POST', '/api/jobs/nope/cancel'],
      ['POST', '/api/jobs/nope/retry'],
      ['DELETE', '/api/jobs/nope'],
      ['GET', `/api/jobs/${long}`],
      ['GET', '/api/jobs/a%00b'],
      ['GET', '/api/presets/nope'],
      ['PATCH', '/api/presets/nope'],
      ['DELETE', '/api/presets/nope'],
      ['POST', '/api/presets/nope/generate'],
      ['GET', `/api/presets/${long}`],
      ['GET', '/api/images/nope'],
      ['GET', '/api/images/nope/thumbnail'],
    ])('%s %s', async (method, path) => {
      const http = t.http[method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete'](path);
      const res = await (method === 'PATCH' || path.endsWith('/generate') ? http.send(method === 'PATCH' ? { name: 'x' } : {}) : http);
      expectProblem(res, 404);
      expect(res.body.code).toBe('not_found');
      expect(res.body.detail).toMatch(/^No (job|preset|image) with id /);
      expect(res.body.detail.length).toBeLessThan(200);
    });
  });
});
