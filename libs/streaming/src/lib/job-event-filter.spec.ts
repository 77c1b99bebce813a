import type { Job, JobEvent } from '@atelier/contracts';
import { JobEventFilter } from './job-event-filter';

const job = (over: Partial<Job>): Job => ({ job_id: 'j', parent_id: null, status: 'queued', ...over }) as Job;
const updated = (j: Job): JobEvent => ({ id: '1', event: 'job.updated', data: j });
const deleted = (job_id: string): JobEvent => ({ id: '2', event: 'job.deleted', data: { job_id } });

const dismissed = (user_id: string): JobEvent => ({ id: '3', event: 'panel.dismissed', data: { user_id, job_ids: ['j'] } });
const paused: JobEvent = { id: '4', event: 'queue.paused', data: { type: 'analyze', paused: true, changed_at: '2026-12-01T00:00:00.000Z', changed_by: null } };

describe('JobEventFilter', () => {
  it("sends a user's dismissals to that user's streams only, even to an operator's unfiltered stream", () => {
    expect(new JobEventFilter({ user: 'ada' }).matches(dismissed('ada'))).toBe(true);
    expect(new JobEventFilter({ user: 'bob' }).matches(dismissed('ada'))).toBe(false);
    expect(new JobEventFilter({}).matches(dismissed('ada'))).toBe(false);
    expect(new JobEventFilter({ owner: 'ada', user: 'ada' }).matches(dismissed('ada'))).toBe(true);
  });

  it('sends queue pauses to every stream that is not about one job', () => {
    expect(new JobEventFilter({}).matches(paused)).toBe(true);
    expect(new JobEventFilter({ owner: 'ada', user: 'ada', statuses: ['running'] }).matches(paused)).toBe(true);
    expect(new JobEventFilter({ jobId: 'p' }).matches(paused)).toBe(false);
  });

  it('passes everything without filters', () => {
    const f = new JobEventFilter({});
    expect(f.matches(updated(job({})))).toBe(true);
    expect(f.matches(deleted('x'))).toBe(true);
  });

  it('with job_id passes that job and its children, and deletions of jobs it showed', () => {
    const f = new JobEventFilter({ jobId: 'p' });
    expect(f.matches(updated(job({ job_id: 'p' })))).toBe(true);
    expect(f.matches(updated(job({ job_id: 'c', parent_id: 'p' })))).toBe(true);
    expect(f.matches(updated(job({ job_id: 'other' })))).toBe(false);
    expect(f.matches(deleted('c'))).toBe(true);
    expect(f.matches(deleted('other'))).toBe(false);
  });

  it('with status passes only jobs in those statuses', () => {
    const f = new JobEventFilter({ statuses: ['failed'] });
    expect(f.matches(updated(job({ status: 'failed' })))).toBe(true);
    expect(f.matches(updated(job({ status: 'running' })))).toBe(false);
  });

  it("with owner (a member's stream) passes only that member's jobs, and deletions only of those", () => {
    const f = new JobEventFilter({ owner: 'ada' });
    expect(f.passesEverything).toBe(false);
    expect(f.matches(updated(job({ job_id: 'mine', owner: 'ada' })))).toBe(true);
    expect(f.matches(updated(job({ job_id: 'theirs', owner: 'bob' })))).toBe(false);
    expect(f.matches(updated(job({ job_id: 'legacy', owner: null })))).toBe(false);
    expect(f.matches(deleted('theirs'))).toBe(false);
    expect(f.matches(deleted('mine'))).toBe(true);
  });
});
