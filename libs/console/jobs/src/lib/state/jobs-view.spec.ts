import { dateOfDay, dayOf, hasFilters, jobFilterOf, parseJobsView } from './jobs-view';

describe('the Jobs page view', () => {
  it('reads the URL, keeping only the statuses, types, days and sort it knows', () => {
    const view = parseJobsView({ status: 'failed,nope,cancelled', type: 'analyze,x', q: '  dusk ', from: '2026-02-30', to: '2026-03-01', sort: 'created_at' });
    expect(view).toEqual({ statuses: ['failed', 'cancelled'], types: ['analyze'], q: 'dusk', from: null, to: '2026-03-01', sort: 'created_at', showInternal: false });
    expect(parseJobsView({ sort: 'title' }).sort).toBe('-created_at');
  });

  it('hides internal jobs unless they are asked for, by the toggle or by their type', () => {
    expect(jobFilterOf(parseJobsView({})).type).toEqual(['analyze', 'comprehensive_analyze', 'generate_image', 'batch']);
    expect(jobFilterOf(parseJobsView({ internal: '1' })).type).toEqual([]);
    expect(jobFilterOf(parseJobsView({ type: 'generate_thumbnail' })).type).toEqual(['generate_thumbnail']);
  });

  it('asks for whole local days: from the first day at midnight to before the day after the last', () => {
    const filter = jobFilterOf(parseJobsView({ from: '2026-03-01', to: '2026-03-03', q: 'a' }));
    expect(filter.createdAfter).toBe(new Date(2026, 2, 1).toISOString());
    expect(filter.createdBefore).toBe(new Date(2026, 2, 4).toISOString());
    expect(filter.q).toBe('a');
    expect(jobFilterOf(parseJobsView({}))).toMatchObject({ createdAfter: null, createdBefore: null, q: undefined });
  });

  it('counts searches, dates, statuses and types as filters, but not sorting or showing internal jobs', () => {
    expect(hasFilters(parseJobsView({ sort: 'created_at', internal: '1' }))).toBe(false);
    for (const params of [{ q: 'x' }, { from: '2026-01-01' }, { to: '2026-01-01' }, { status: 'failed' }, { type: 'batch' }]) {
      expect(hasFilters(parseJobsView(params))).toBe(true);
    }
  });

  it('turns dates into local days and back', () => {
    expect(dayOf(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(dateOfDay('2026-01-05').getTime()).toBe(new Date(2026, 0, 5).getTime());
  });
});

