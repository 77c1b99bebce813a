import { requestFingerprint, type FingerprintedRequest } from './request-fingerprint';

const png = Buffer.from('pretend these are the bytes of a PNG');
const upload = (bytes = png, name = 'face.png') => ({ fieldname: 'image', originalname: name, size: bytes.length, buffer: bytes });
const request = (over: Partial<FingerprintedRequest> = {}): FingerprintedRequest => ({
  method: 'POST',
  originalUrl: '/api/analyzers/hair-color/analyze?async_mode=true',
  body: { preset_name: 'Spring' },
  file: upload(),
  ...over,
});

describe('requestFingerprint', () => {
  it('is a SHA-256, the same for the same request however its fields and query are ordered', () => {
    const a = requestFingerprint(request({ originalUrl: '/api/x?b=2&a=1', body: { one: '1', two: '2' } }));
    const b = requestFingerprint(request({ originalUrl: '/api/x?a=1&b=2', body: { two: '2', one: '1' } }));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).toBe(b);
  });

  it('hashes the file bytes, not the buffer identity', () => {
    expect(requestFingerprint(request({ file: upload(Buffer.from(png)) }))).toBe(requestFingerprint(request()));
  });

  it.each<[string, Partial<FingerprintedRequest>]>([
    ['another path', { originalUrl: '/api/analyzers/makeup/analyze?async_mode=true' }],
    ['another query', { originalUrl: '/api/analyzers/hair-color/analyze' }],
    ['another form field', { body: { preset_name: 'Autumn' } }],
    ['one more form field', { body: { preset_name: 'Spring', priority: '3' } }],
    ['another file', { file: upload(Buffer.from('other bytes')) }],
    ['another file name', { file: upload(png, 'other.png') }],
    ['no file', { file: undefined }],
    ['another method', { method: 'PUT' }],
  ])('changes with %s', (_what, change) => {
    expect(requestFingerprint(request(change))).not.toBe(requestFingerprint(request()));
  });

  it('covers nested JSON bodies with sorted keys', () => {
    const json = (body: unknown) => requestFingerprint({ method: 'POST', originalUrl: '/api/presets/p/generate', body });
    expect(json({ prompt: 'x', style: { a: 1, b: [1, 2] } })).toBe(json({ style: { b: [1, 2], a: 1 }, prompt: 'x' }));
    expect(json({ style: { b: [2, 1] } })).not.toBe(json({ style: { b: [1, 2] } }));
  });

  it('covers every file of a multi-file upload', () => {
    const other = { ...upload(Buffer.from('second')), fieldname: 'images' };
    const base = { method: 'POST', originalUrl: '/api/batches', body: {} };
    expect(requestFingerprint({ ...base, files: [upload(), other] })).not.toBe(requestFingerprint({ ...base, files: [upload()] }));
  });
});
