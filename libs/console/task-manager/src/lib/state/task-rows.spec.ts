import { makeJob } from '@atelier/console/data-access/testing';
import { buildTaskRows, countByFilter, detailsHeight, panelJobs, ROW_HEIGHTS } from './task-rows';

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
  });

  it('hides dismissed jobs and children shown inside their parent', () => {
    const parent = makeJob({ type: 'comprehensive_analyze', status: 'running' });
    const child = makeJob({ parent_id: parent.job_id, status: 'running' });
    const byId = { [parent.job_id]: parent, [child.job_id]: child, [done.job_id]: done };
    expect(panelJobs([parent, child, done], byId, new Set([done.job_id]))).toEqual([parent]);
  });

  it('leaves background work such as thumbnails to the Jobs page', () => {
    const thumbnail = makeJob({ type: 'generate_thumbnail', status: 'running' });
    expect(panelJobs([thumbnail, running], {}, new Set())).toEqual([running]);
  });
});
