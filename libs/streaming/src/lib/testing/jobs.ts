import type { Job } from '@atelier/contracts';

/** A job with just what streaming looks at; the rest of the record does not matter here. */
export const aJob = (over: Partial<Job> = {}): Job =>
  ({ job_id: 'j1', parent_id: null, child_ids: [], status: 'running', finished_at: null, ...over }) as Job;
