import { InvalidInputError } from '@atelier/platform';
import { MAX_POINTS, planWindow } from './timeseries-window';

const NOW = Date.parse('2026-03-10T12:34:56.789Z');

function refusal(request: Parameters<typeof planWindow>[0]): InvalidInputError {
  try {
    planWindow(request, NOW);
  } catch (err) {
    if (err instanceof InvalidInputError) return err;
    throw err;
  }
  throw new Error(`planWindow accepted ${JSON.stringify(request)}`);
}

describe('planWindow', () => {
  it('defaults to the last 24 h in 1h buckets, the first aligned to the hour', () => {
    const w = planWindow({}, NOW);
    expect(w.bucket).toBe('1h');
    expect(new Date(w.from).toISOString()).toBe('2026-03-09T12:00:00.000Z');
    expect(w.to).toBe(NOW);
    expect(w.points).toBe(25);
  });

  it('picks the finest bucket that keeps a range to at most 200 points', () => {
    expect(planWindow({ from: '2026-03-10T11:00:00Z', to: '2026-03-10T12:00:00Z' }, NOW).bucket).toBe('1m');
    expect(planWindow({ from: '2026-03-10T06:00:00Z', to: '2026-03-10T12:00:00Z' }, NOW).bucket).toBe('5m');
    expect(planWindow({ from: '2026-03-03T12:00:00Z', to: '2026-03-10T12:00:00Z' }, NOW).bucket).toBe('1h');
    expect(planWindow({ from: '2026-01-01T00:00:00Z', to: '2026-03-10T00:00:00Z' }, NOW).bucket).toBe('1d');
  });

  it('aligns from to the start of its bucket and counts the partial last bucket', () => {
    const w = planWindow({ from: '2026-03-10T10:07:00Z', to: '2026-03-10T10:21:00Z', bucket: '5m' }, NOW);
    expect(new Date(w.from).toISOString()).toBe('2026-03-10T10:05:00.000Z');
    expect(w.points).toBe(4);
  });

  it('reads a time without a zone as UTC, and to alone as the end of a 24 h range', () => {
    const w = planWindow({ to: '2026-03-10T00:00:00', bucket: '1d' }, NOW);
    expect(new Date(w.to).toISOString()).toBe('2026-03-10T00:00:00.000Z');
    expect(new Date(w.from).toISOString()).toBe('2026-03-09T00:00:00.000Z');
  });

  it('refuses from at or after to, naming the field', () => {
    const err = refusal({ from: '2026-03-10T10:00:00Z', to: '2026-03-10T10:00:00Z' });
    expect(err.message).toMatch(/from must be before to/);
    expect(err.errors).toEqual([{ field: 'from', message: err.message }]);
    expect(refusal({ from: '2026-03-11T00:00:00Z' }).message).toMatch(/from must be before to/);
  });

  it(`refuses more than ${MAX_POINTS} points and says which buckets would fit`, () => {
    const err = refusal({ from: '2026-03-01T00:00:00Z', to: '2026-03-10T00:00:00Z', bucket: '1m' });
    expect(err.message).toBe(`This range asks for 12960 points of 1m; at most ${MAX_POINTS} are served: pick a larger bucket (1h, 1d) or a shorter range.`);
    expect(err.errors?.[0].field).toBe('bucket');
    expect(refusal({ from: '2000-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z', bucket: '1d' }).message).toMatch(/shorten the range between from and to/);
    expect(refusal({ from: '2000-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }).message).toMatch(/points of 1d/);
  });
});
