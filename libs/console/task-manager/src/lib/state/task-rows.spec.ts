import { makeJob } from '@atelier/console/data-access/testing';
import { buildTaskRows, cardIndexNear, countByFilter, detailsHeight, ROW_HEIGHTS } from './task-rows';

describe('task rows', () => {
  const running = makeJob({ status: 'running' });
  const queued = makeJob({ status: 'queued' });
  const failed = makeJob({ status: 'failed' });
  const done = makeJob({ status: 'completed' });
  const jobs = [running, queued, failed, done];

  it('groups by status, running first, each group under a header', () => {
    const rows = buildTaskRows(jobs, 'all', new Set());
    expect(rows.map((r) => (r.kind === 'header' ? r.status : r.job.job_id))).toEqual([
      'running', running.job_id, 'queued', queued.job_id, 'failed', failed.job_id, 'completed', done.job_id,
    ]);
  });

  it('filters: running shows running and queued jobs only', () => {
    const rows = buildTaskRows(jobs, 'running', new Set());
    expect(rows.filter((r) => r.kind === 'card').map((r) => r.key)).toEqual([running.job_id, queued.job_id]);
    expect(countByFilter(jobs)).toEqual({ all: 4, running: 2, completed: 1, failed: 1 });
  });

  it('gives an expanded card room for its details', () => {
    const [, card] = buildTaskRows([running], 'all', new Set([running.job_id]));
    expect(card.size).toBe(ROW_HEIGHTS.card + detailsHeight(running, 0));
    expect(detailsHeight(running, 8)).toBeGreaterThan(detailsHeight(running, 0));
    expect(detailsHeight(failed, 0)).toBeLessThan(detailsHeight({ ...failed, error: { message: 'x', code: 'y', retryable: true } }, 0));
  });

  it('reuses the rows of jobs that did not change, so one event re-renders one card', () => {
    const first = buildTaskRows(jobs, 'all', new Set());
    const changed = { ...running, progress: 0.5 };
    const second = buildTaskRows([changed, queued, failed, done], 'all', new Set(), {}, first);
    const card = (rows: typeof first, id: string) => rows.find((r) => r.key === id);
    expect(card(second, queued.job_id)).toBe(card(first, queued.job_id));
    expect(card(second, done.job_id)).toBe(card(first, done.job_id));
    expect(card(second, running.job_id)).not.toBe(card(first, running.job_id));
    const expanded = buildTaskRows([changed, queued, failed, done], 'all', new Set([queued.job_id]), {}, second);
    expect(card(expanded, queued.job_id)).not.toBe(card(second, queued.job_id));
  });

  it('puts a parent’s children, from the store, on its row', () => {
    const parent = makeJob({ type: 'comprehensive_analyze', status: 'running', child_ids: ['c1', 'c2'] });
    const c1 = makeJob({ job_id: 'c1', parent_id: parent.job_id });
    const [, row] = buildTaskRows([parent], 'all', new Set(), { c1 });
    expect(row.kind === 'card' && row.children).toEqual([c1]);
  });

  it('finds where focus goes when a card’s button disappears: the card now in its place, else the one before', () => {
    const rows = buildTaskRows(jobs, 'all', new Set()); // [h, running, h, queued, h, failed, h, done]
    expect(cardIndexNear(rows, 1)).toBe(1);
    expect(cardIndexNear(rows, 2)).toBe(3);
    expect(cardIndexNear(rows, 99)).toBe(7);
    const single = buildTaskRows([running], 'all', new Set());
    expect(cardIndexNear(single, 3)).toBe(1);
    expect(cardIndexNear([], 0)).toBe(-1);
  });
});
