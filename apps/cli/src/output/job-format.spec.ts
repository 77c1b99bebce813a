import { describe, expect, it } from '@jest/globals';
import { aJob } from '../../test/jobs';
import { eventLine, jobDetails } from './job-format';
import { Style } from './style';

describe('job text', () => {
  const plain = new Style(false);

  it('prints a stream event as one line: time, event, job, status, progress, title and step', () => {
    const job = aJob({ job_id: 'j1', status: 'running', progress: 0.4, step_label: 'Calling the vision model' });
    expect(eventLine('job.updated', job, plain, new Date('2026-01-01T10:11:12Z'))).toBe('10:11:12 job.updated   j1  running 40%  Hair color analysis · Calling the vision model');
  });

  it('says why a failed job failed', () => {
    const job = aJob({ job_id: 'j2', status: 'failed', progress: 0.2, error: { message: 'The model timed out', code: 'upstream_timeout', retryable: true } });
    expect(eventLine('job.failed', job, plain, new Date('2026-01-01T10:11:12Z'))).toContain('failed 20%  Hair color analysis · The model timed out');
    expect(jobDetails(job, plain)).toMatch(/Error: +The model timed out \(upstream_timeout, retryable\)/);
  });

  it("shows a job's file, children and presets when it has them", () => {
    const job = aJob({ status: 'completed', progress: 1, child_ids: ['c1', 'c2'], metadata: { file_name: 'portrait.png' }, result: { preset_ids: ['p1', 'p2'] } });
    const details = jobDetails(job, plain);
    expect(details).toMatch(/File: +portrait\.png/);
    expect(details).toMatch(/Children: +c1, c2/);
    expect(details).toMatch(/Presets: +p1, p2/);
  });
});
