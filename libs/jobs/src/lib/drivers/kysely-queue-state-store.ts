import type { JobType } from '@atelier/contracts';
import type { AtelierDb } from '@atelier/persistence';
import { QueueStateStore, type QueueStateRecord } from '../ports/queue-state.port';

/** Queue states in the `queue_states` table of the job store's database. */
export class KyselyQueueStateStore extends QueueStateStore {
  constructor(private readonly db: AtelierDb) {
    super();
  }

  async all(): Promise<QueueStateRecord[]> {
    const rows = await this.db.selectFrom('queue_states').selectAll().orderBy('type').execute();
    return rows.map((r) => ({ type: r.type as JobType, paused: Number(r.paused) === 1, changed_at: r.changed_at, changed_by: r.changed_by }));
  }

  async isPaused(type: JobType): Promise<boolean> {
    const row = await this.db.selectFrom('queue_states').select('paused').where('type', '=', type).executeTakeFirst();
    return Number(row?.paused ?? 0) === 1;
  }

  async set(type: JobType, paused: boolean, actor: string | null): Promise<QueueStateRecord> {
    const record = { type, paused: paused ? 1 : 0, changed_at: new Date().toISOString(), changed_by: actor };
    await this.db
      .insertInto('queue_states')
      .values(record)
      .onConflict((oc) => oc.column('type').doUpdateSet({ paused: record.paused, changed_at: record.changed_at, changed_by: record.changed_by }))
      .execute();
    return { ...record, paused };
  }
}
