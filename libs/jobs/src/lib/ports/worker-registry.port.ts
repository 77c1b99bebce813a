/** A process that runs jobs, as the registry keeps it. */
export interface WorkerRecord {
  worker_id: string;
  host: string;
  pid: number;
  /** `embedded` (API process that runs jobs) or `worker`. */
  role: string;
  concurrency: number;
  version: string;
  started_at: string;
  last_seen_at: string;
}

/** The processes that run jobs and their heartbeats, shared by every node (the job store's database). */
export abstract class WorkerRegistry {
  /** Records a process, or refreshes it; `last_seen_at` is its heartbeat. */
  abstract upsert(worker: WorkerRecord): Promise<void>;
  abstract heartbeat(workerId: string, at: string): Promise<void>;
  /** Workers seen at or after `since`, oldest first. */
  abstract seenSince(since: string): Promise<WorkerRecord[]>;
  abstract remove(workerId: string): Promise<void>;
  /** Forgets workers last seen before `before`; answers how many. */
  abstract prune(before: string): Promise<number>;
}
