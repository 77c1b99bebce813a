import { WorkerRegistry, type WorkerRecord } from '../ports/worker-registry.port';

/** The worker registry of one process (tests, the bench): the same behaviour as the table, in memory. */
export class MemoryWorkerRegistry extends WorkerRegistry {
  private readonly workers = new Map<string, WorkerRecord>();

  async upsert(worker: WorkerRecord): Promise<void> {
    this.workers.set(worker.worker_id, { ...(this.workers.get(worker.worker_id) ?? worker), last_seen_at: worker.last_seen_at, concurrency: worker.concurrency });
  }

  async heartbeat(workerId: string, at: string): Promise<void> {
    const w = this.workers.get(workerId);
    if (w) w.last_seen_at = at;
  }

  async seenSince(since: string): Promise<WorkerRecord[]> {
    return [...this.workers.values()].filter((w) => w.last_seen_at >= since).sort((a, b) => a.started_at.localeCompare(b.started_at));
  }

  async remove(workerId: string): Promise<void> {
    this.workers.delete(workerId);
  }

  async prune(before: string): Promise<number> {
    let n = 0;
    for (const [id, w] of this.workers) if (w.last_seen_at < before && this.workers.delete(id)) n++;
    return n;
  }
}
