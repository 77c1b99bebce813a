import { formatAgo, formatLatency } from './relative-time';

describe('formatAgo', () => {
  const now = Date.parse('2025-01-01T12:00:00.000Z');

  it.each([
    ['2025-01-01T11:59:55.000Z', '5s ago'],
    ['2025-01-01T11:57:55.000Z', '2m 05s ago'],
    ['2025-01-01T09:58:00.000Z', '2h 02m ago'],
    ['2025-01-01T11:59:59.500Z', 'just now'],
    ['2025-01-01T12:00:03.000Z', 'just now'],
  ])('says %s is %s', (iso, text) => {
    expect(formatAgo(iso, now)).toBe(text);
  });
});

describe('formatLatency', () => {
  it.each([
    [null, '—'],
    [0, '0 ms'],
    [850.4, '850 ms'],
    [2_140, '2.1 s'],
    [12_600, '13 s'],
    [185_000, '3m 05s'],
  ])('formats %s ms as %s', (ms, text) => {
    expect(formatLatency(ms)).toBe(text);
  });
});
