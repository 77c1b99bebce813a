import type { Job } from '@atelier/client';

let sequence = 0;

/** A job as the API answers it, with only what a test cares about given. */
export function aJob(fields: Partial<Job> = {}): Job {
  const at = new Date(Date.UTC(2026, 0, 1, 12, 0, sequence)).toISOString();
  return {
    job_id: `job-${++sequence}`,
    type: 'analyze',
    status: 'queued',
    title: 'Hair color analysis',
    progress: 0,
    current_step: 0,
    total_steps: 5,
    step_label: null,
    parent_id: null,
    child_ids: [],
    priority: 0,
    attempts: 0,
    max_attempts: 3,
    depends_on: [],
    input: { analyzer: 'hair-color', image_id: 'img-1' },
    result: null,
    error: null,
    metadata: {},
    owner: 'user-1',
    created_at: at,
    started_at: null,
    finished_at: null,
    updated_at: at,
    ...fields,
  };
}
