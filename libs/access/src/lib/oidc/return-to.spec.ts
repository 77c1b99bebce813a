import { safeReturnTo } from './return-to';

describe('safeReturnTo (open-redirect guard)', () => {
  it.each([
    ['/jobs', '/jobs'],
    ['/jobs?status=running#top', '/jobs?status=running#top'],
    ['/presets/../jobs', '/jobs'],
  ])('keeps the path %s on this site', (raw, expected) => {
    expect(safeReturnTo(raw)).toBe(expected);
  });

  it.each([
    'https://evil.example',
    'https://evil.example/jobs',
    '//evil.example/jobs',
    '/\\evil.example',
    '/\t/evil.example',
    'javascript:alert(1)',
    'jobs',
    '',
    undefined,
    ['/a', '/b'],
  ])('turns %p into /', (raw) => {
    expect(safeReturnTo(raw)).toBe('/');
  });
});
