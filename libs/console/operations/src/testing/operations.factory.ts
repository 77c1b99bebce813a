import type { QueueInfo, StatsSummary, TimeseriesPoint, WorkerInfo } from '@atelier/contracts';

/** Small factories for the operator's answers, for specs. */

export function makePoint(at: string, overrides: Partial<TimeseriesPoint> = {}): TimeseriesPoint {
  return { at, created: 0, completed: 0, failed: 0, cancelled: 0, wait_ms: { p50: null, p95: null }, run_ms: { p50: null, p95: null }, ...overrides };
}

export function makeSummary(overrides: Partial<StatsSummary> = {}): StatsSummary {
  return { by_status: { queued: 0, running: 0, completed: 0, failed: 0, cancelled: 0 }, by_type: {}, oldest_queued_at: null, ...overrides };
}

export function makeQueue(overrides: Partial<QueueInfo> = {}): QueueInfo {
  return { type: 'analyze', paused: false, queued: 0, running: 0, concurrency: 4, changed_at: null, changed_by: null, ...overrides };
}

let workerSeq = 0;

export function makeWorker(overrides: Partial<WorkerInfo> = {}): WorkerInfo {
  workerSeq += 1;
  return {
    worker_id: `worker-${workerSeq}`,
    host: `host-${workerSeq}`,
    pid: 1000 + workerSeq,
    role: 'embedded',
    running: 0,
    concurrency: 4,
    started_at: '2025-01-01T10:00:00.000Z',
    last_seen_at: '2025-01-01T11:59:58.000Z',
    version: '1.0.0',
    running_jobs: [],
    ...overrides,
  };
}
