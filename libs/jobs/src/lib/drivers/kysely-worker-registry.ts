import type { AtelierDb } from '@atelier/persistence';
import { WorkerRegistry, type WorkerRecord } from '../ports/worker-registry.port';

/** The worker registry in the `workers` table of the job store's database. */
export class KyselyWorkerRegistry extends WorkerRegistry {
  constructor(private readonly db: AtelierDb) {
    super();
  }

  async upsert(worker: WorkerRecord): Promise<void> {
    await this.db
      .insertInto('workers')
      .values(worker)
      .onConflict((oc) => oc.column('worker_id').doUpdateSet({ last_seen_at: worker.last_seen_at, concurrency: worker.concurrency }))
      .execute();
  }

  async heartbeat(workerId: string, at: string): Promise<void> {
    await this.db.updateTable('workers').set({ last_seen_at: at }).where('worker_id', '=', workerId).execute();
  }

  async seenSince(since: string): Promise<WorkerRecord[]> {
    const rows = await this.db.selectFrom('workers').selectAll().where('last_seen_at', '>=', since).orderBy('started_at').execute();
    return rows.map((r) => ({ ...r, pid: Number(r.pid), concurrency: Number(r.concurrency) }));
  }

  async remove(workerId: string): Promise<void> {
    await this.db.deleteFrom('workers').where('worker_id', '=', workerId).execute();
  }

  async prune(before: string): Promise<number> {
    const deleted = await this.db.deleteFrom('workers').where('last_seen_at', '<', before).executeTakeFirst();
    return Number(deleted.numDeletedRows);
  }
}
