import type { Job } from '@atelier/contracts';
import { makeJob } from '@atelier/console/data-access/testing';
import { childRows } from './batch-children';
import { progressText } from './progress-text';
import { sameTally, tallyChildren, tallyText } from './batch-tally';
import { buildTaskRows, detailsHeight, ROW_HEIGHTS } from './task-rows';

/** A batch of `n` children, and the store holding the children the stream told so far. */
function batchOf(n: number, statuses: Partial<Record<number, Job['status']>>) {
  const children = Array.from({ length: n }, (_, i) => makeJob({ status: statuses[i] ?? 'queued', parent_id: 'batch' }));
  const batch = makeJob({ job_id: 'batch', type: 'batch', status: 'running', title: `Batch (0/${n})`, child_ids: children.map((c) => c.job_id) });
  const byId: Record<string, Job> = { batch };
  children.forEach((c, i) => {
    if (statuses[i]) byId[c.job_id] = c;
  });
  return { batch, children, byId };
}

describe('a batch in the task panel', () => {
  it('counts its children by status; one the store does not hold yet has not started', () => {
    const { batch, byId } = batchOf(6, { 0: 'completed', 1: 'completed', 2: 'failed', 3: 'running' });
    const tally = tallyChildren(batch, byId);
    expect(tally).toEqual({ total: 6, completed: 2, failed: 1, cancelled: 0, running: 1, queued: 2 });
    expect(tallyText(tally, false)).toBe('2 of 6 done · 1 running · 1 failed');
    expect(progressText(batch, { children: [], now: 0, paused: [], tally })).toBe('2 of 6 done · 1 running · 1 failed');
    expect(progressText({ ...batch, status: 'cancelled' }, { children: [], now: 0, paused: [], tally })).toBe('Cancelled · 2 of 6 completed · 1 running · 1 failed');
  });

  it('is one card however many children it has: they are counted, never turned into rows or card inputs', () => {
    const { batch, byId } = batchOf(500, { 0: 'completed', 1: 'running' });
    const rows = buildTaskRows([batch], 'all', new Set([batch.job_id]), byId);
    expect(rows).toHaveLength(2);
    const card = rows[1];
    expect(card.kind === 'card' && card.children).toEqual([]);
    expect(card.kind === 'card' && card.tally).toMatchObject({ total: 500, completed: 1, running: 1, queued: 498 });
    expect(card.size).toBe(ROW_HEIGHTS.card + detailsHeight(batch, 0));
    expect(detailsHeight(batch, 0)).toBeLessThanOrEqual(320);
  });

  it('keeps the row while no count changes (a child moving within a status), and makes a new one when a count does', () => {
    const { batch, children, byId } = batchOf(3, { 0: 'running' });
    const first = buildTaskRows([batch], 'all', new Set(), byId);
    const progressed = { ...byId, [children[0].job_id]: { ...children[0], progress: 0.5 } };
    const second = buildTaskRows([batch], 'all', new Set(), progressed, first);
    expect(second[1]).toBe(first[1]);
    const ended = { ...byId, [children[0].job_id]: { ...children[0], status: 'completed' as const } };
    const third = buildTaskRows([batch], 'all', new Set(), ended, second);
    expect(third[1]).not.toBe(first[1]);
    expect(sameTally(third[1].kind === 'card' ? third[1].tally : null, first[1].kind === 'card' ? first[1].tally : null)).toBe(false);
  });

  it("lists the children in the batch's order, the newest known state of each, keeping unchanged rows", () => {
    const { batch, children, byId } = batchOf(3, { 1: 'running' });
    const read = new Map(children.map((c) => [c.job_id, c]));
    const rows = childRows(batch, byId, read, []);
    expect(rows.map((r) => r.job?.status)).toEqual(['queued', 'running', 'queued']);
    const done = { ...children[1], status: 'completed' as const, updated_at: '2030-01-01T00:00:00.000Z' };
    const again = childRows(batch, { ...byId, [done.job_id]: done }, read, rows);
    expect(again[0]).toBe(rows[0]);
    expect(again[1].job).toBe(done);
    expect(childRows(batch, {}, new Map(), []).map((r) => r.job)).toEqual([null, null, null]);
  });
});
