import { makeJob } from '@atelier/console/data-access/testing';
import { allows, eligible, fresher } from './job-eligibility';

describe('job eligibility', () => {
  it('cancels unfinished jobs, retries failed or cancelled ones, deletes finished ones', () => {
    const [queued, running, failed, cancelled, completed] = (['queued', 'running', 'failed', 'cancelled', 'completed'] as const).map(
      (status) => makeJob({ status }),
    );
    const all = [queued, running, failed, cancelled, completed];
    expect(eligible(all, 'cancel')).toEqual([queued, running]);
    expect(eligible(all, 'retry')).toEqual([failed, cancelled]);
    expect(eligible(all, 'delete')).toEqual([failed, cancelled, completed]);
    expect(allows(running, 'delete')).toBe(false);
  });

  it('prefers the live copy of a job when it is at least as recent', () => {
    const page = makeJob({ status: 'running', progress: 0.2, updated_at: '2025-01-01T12:00:01.000Z' });
    const live = { ...page, progress: 0.6, updated_at: '2025-01-01T12:00:03.000Z' };
    expect(fresher(page, live)).toBe(live);
    expect(fresher(live, page)).toBe(live);
    expect(fresher(page, undefined)).toBe(page);
  });
});
