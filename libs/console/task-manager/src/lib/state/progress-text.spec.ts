import { makeJob } from '@atelier/console/data-access/testing';
import { childrenDone, progressText } from './progress-text';

describe('progress text', () => {
  const context = { children: [], now: Date.parse('2025-01-01T12:00:00.000Z'), paused: [] };

  it('follows the job’s step as events arrive', () => {
    const job = makeJob({ status: 'running', current_step: 2, total_steps: 4, step_label: 'Calling the vision model' });
    expect(progressText(job, context)).toBe('Step 2/4 · Calling the vision model');
    expect(progressText({ ...job, current_step: 3, step_label: 'Validating the answer' }, context)).toBe('Step 3/4 · Validating the answer');
    expect(progressText({ ...job, current_step: 4, step_label: 'Saving preset' }, context)).toBe('Step 4/4 · Saving preset');
  });

  it('shows a comprehensive parent as children completed out of all, not "Step 0/8"', () => {
    const parent = makeJob({ type: 'comprehensive_analyze', status: 'running', current_step: 0, total_steps: 8, child_ids: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] });
    const children = [
      ...['a', 'b', 'c'].map((id) => makeJob({ job_id: id, parent_id: parent.job_id, status: 'completed' })),
      makeJob({ job_id: 'd', parent_id: parent.job_id, status: 'failed' }),
      ...['e', 'f', 'g', 'h'].map((id) => makeJob({ job_id: id, parent_id: parent.job_id, status: 'running' })),
    ];
    expect(progressText(parent, { ...context, children })).toBe('3 of 8 analyses done · 1 failed');
    expect(childrenDone({ ...parent, title: 'Comprehensive analysis (5/8)' }, [])).toEqual({ done: 5, failed: 0, total: 8 });
  });

  it('says why a queued job waits: its retry, a paused queue, or its turn', () => {
    const queued = makeJob({ status: 'queued' });
    expect(progressText(queued, context)).toBe('Waiting in queue');
    expect(progressText(queued, { ...context, paused: ['analyze'] })).toBe('Waiting: the analyses queue is paused');
    const retrying = makeJob({ status: 'queued', attempts: 1, max_attempts: 3, run_at: '2025-01-01T12:00:30.000Z' });
    expect(progressText(retrying, context)).toMatch(/^Retrying at \d\d:\d\d:\d\d \(attempt 2 of 3\)$/);
  });

  it('gives a failed job its failure in plain words', () => {
    const failed = makeJob({ status: 'failed', error: { message: 'VipsJpeg: Premature end of input file', code: 'handler_error', retryable: true } });
    expect(progressText(failed, context)).toBe('The image could not be read: the file is damaged or is not a JPEG, PNG, WebP or GIF image.');
  });
});
