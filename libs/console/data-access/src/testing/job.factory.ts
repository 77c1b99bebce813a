import type { Job, JobDataEvent, JobEvent } from '@atelier/contracts';

let sequence = 0;

/** A valid analyze job with sensible defaults; tests override only what they name. */
export function makeJob(overrides: Partial<Job> = {}): Job {
  sequence += 1;
  const created = new Date(Date.UTC(2025, 0, 1, 12, 0, sequence)).toISOString();
  return {
    job_id: `00000000-0000-7000-8000-${String(sequence).padStart(12, '0')}`,
    type: 'analyze',
    status: 'queued',
    title: 'Hair color analysis',
    progress: 0,
    current_step: 0,
    total_steps: 4,
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
    owner: null,
    created_at: created,
    started_at: null,
    finished_at: null,
    updated_at: created,
    run_at: null,
    worker_id: null,
    ...overrides,
  } as Job;
}

export function jobEvent(id: number | string, event: JobDataEvent['event'], data: Job): JobEvent {
  return { id: String(id), event, data };
}
