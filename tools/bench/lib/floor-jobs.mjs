// What the P3 floors write per job: the records and changes the engine writes for a plain no-op job
// (see JobLifecycle.start/end), so a floor runs the engine's statements with the engine's values.

/** A new top-level job with no dependencies (a NewJobRecord). */
export function benchJob(id, now) {
  return { job_id: id, type: 'generate_thumbnail', title: 'bench', parent_id: null, child_ids: [], depends_on: [], priority: 0, max_attempts: 3, input: { image_id: 'bench' }, metadata: {}, owner: null, run_at: null, created_at: now };
}

/** queued → running: the patch (a JobPatch) and the guard of the engine's one-statement start. */
export const startPatch = (now, workerId = 'bench-worker') => ({ status: 'running', finished_at: null, run_at: null, error: null, step_label: 'Starting', started_at: now, worker_id: workerId });
export const startGuard = (now) => ({ topLevel: true, independent: true, dueBy: now });

/** running → completed, for a job without a parent. */
export const endPatch = (now) => ({ step_label: 'Completed', result: {}, progress: 1, error: null, status: 'completed', finished_at: now });
export const endGuard = { topLevel: true };
