import { describe, expect, it } from '@jest/globals';
import { aJob } from '../../test/jobs';
import { presetIdsOf } from './outcomes';
import { JobSet } from './job-watch';

describe('JobSet: when following is done', () => {
  it('is done when every root ended', () => {
    const a = aJob();
    const b = aJob();
    const set = new JobSet([a.job_id, b.job_id]);
    set.update({ ...a, status: 'completed' });
    expect(set.done).toBe(false);
    set.update({ ...b, status: 'failed' });
    expect(set.done).toBe(true);
  });

  it("waits for a parent's children, and knows which it still has to read", () => {
    const parent = aJob({ type: 'comprehensive_analyze', child_ids: ['c1', 'c2'] });
    const set = new JobSet([parent.job_id]);
    expect(set.missing()).toEqual([parent.job_id]);
    set.update({ ...parent, status: 'completed' });
    expect(set.missing()).toEqual(['c1', 'c2']);
    set.update(aJob({ job_id: 'c1', parent_id: parent.job_id, status: 'completed' }));
    expect(set.done).toBe(false);
    set.update(aJob({ job_id: 'c2', parent_id: parent.job_id, status: 'cancelled' }));
    expect(set.done).toBe(true);
  });

  it('concerns the roots and their children only', () => {
    const set = new JobSet(['r1']);
    expect(set.concerns({ job_id: 'r1', parent_id: null })).toBe(true);
    expect(set.concerns({ job_id: 'x', parent_id: 'r1' })).toBe(true);
    expect(set.concerns({ job_id: 'x', parent_id: 'other' })).toBe(false);
  });

  it('counts a deleted root as ended', () => {
    const set = new JobSet(['r1']);
    set.markDeleted('r1');
    expect(set.done).toBe(true);
    expect(set.missing()).toEqual([]);
  });
});

describe('presetIdsOf', () => {
  it('reads an analysis and a comprehensive result', () => {
    expect(presetIdsOf(aJob({ result: { preset_id: 'p1', analyzer: 'makeup', data: {} } }))).toEqual(['p1']);
    expect(presetIdsOf(aJob({ result: { preset_ids: ['p1', 'p2'] } }))).toEqual(['p1', 'p2']);
    expect(presetIdsOf(aJob({ result: null }))).toEqual([]);
  });
});
