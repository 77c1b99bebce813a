import type { DeliveryStatus } from '@atelier/contracts';
import type { WebhookDb, WebhookDeliveriesTable } from '../webhook-tables';

export type DeliveryRow = WebhookDeliveriesTable;

export type NewDelivery = Pick<DeliveryRow, 'delivery_id' | 'webhook_id' | 'owner' | 'job_id' | 'event' | 'occurred_at' | 'target_url' | 'payload'>;

export interface AttemptRecord {
  status: DeliveryStatus;
  response_code: number | null;
  latency_ms: number | null;
  last_error: string | null;
}

/**
 * The delivery log. A row is one event for one webhook; its unique key (webhook, job, event,
 * occurred_at) is what lets every node offer the same event and only one create the delivery.
 * `dispatch_job_id` names the deliver_webhook job of the current attempt series: only that job
 * may send and record attempts, so a duplicate job (a lapsed claim, a redelivery) sends nothing.
 */
export class DeliveriesStore {
  constructor(
    private readonly db: WebhookDb,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Inserts the deliveries not recorded yet; answers only those this call inserted. */
  async insertNew(deliveries: NewDelivery[]): Promise<DeliveryRow[]> {
    if (deliveries.length === 0) return [];
    const at = this.now().toISOString();
    return this.db
      .insertInto('webhook_deliveries')
      .values(deliveries.map((d) => ({ ...d, status: 'pending', attempts: 0, dispatch_claimed_at: at, created_at: at, updated_at: at })))
      .onConflict((oc) => oc.columns(['webhook_id', 'job_id', 'event', 'occurred_at']).doNothing())
      .returningAll()
      .execute();
  }

  async get(id: string): Promise<DeliveryRow | undefined> {
    return this.db.selectFrom('webhook_deliveries').selectAll().where('delivery_id', '=', id).executeTakeFirst();
  }

  /** A webhook's deliveries, newest first, ids below `beforeId`. */
  async list(webhookId: string, limit: number, beforeId?: string): Promise<DeliveryRow[]> {
    let q = this.db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', webhookId).orderBy('delivery_id', 'desc').limit(limit);
    if (beforeId) q = q.where('delivery_id', '<', beforeId);
    return q.execute();
  }

  /** Makes `jobId` the delivery's current series unless another job already is; false when another is. */
  async claimDispatch(id: string, jobId: string): Promise<boolean> {
    const res = await this.db
      .updateTable('webhook_deliveries')
      .set({ dispatch_job_id: jobId, updated_at: this.now().toISOString() })
      .where('delivery_id', '=', id)
      .where((eb) => eb.or([eb('dispatch_job_id', 'is', null), eb('dispatch_job_id', '=', jobId)]))
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Records one attempt of the current series; false when `jobId` is no longer that series (nothing written). */
  async recordAttempt(id: string, jobId: string, attempt: AttemptRecord): Promise<boolean> {
    const res = await this.db
      .updateTable('webhook_deliveries')
      .set((eb) => ({ ...attempt, attempts: eb('attempts', '+', 1), updated_at: this.now().toISOString() }))
      .where('delivery_id', '=', id)
      .where('dispatch_job_id', '=', jobId)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /**
   * Starts a new attempt series (a redelivery): only from the series that is current now, so of
   * concurrent redeliveries one wins. The row waits for its new job with a fresh claim.
   */
  async restartSeries(id: string, currentJobId: string | null): Promise<boolean> {
    const at = this.now().toISOString();
    const res = await this.db
      .updateTable('webhook_deliveries')
      .set({ dispatch_job_id: null, dispatch_claimed_at: at, status: 'pending', last_error: null, updated_at: at })
      .where('delivery_id', '=', id)
      .where('dispatch_job_id', currentJobId === null ? 'is' : '=', currentJobId)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Deliveries whose job was never created (their process died in between), claimed before `before`. */
  async stranded(before: string, limit: number): Promise<DeliveryRow[]> {
    return this.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('dispatch_job_id', 'is', null)
      .where('dispatch_claimed_at', '<', before)
      .orderBy('dispatch_claimed_at')
      .limit(limit)
      .execute();
  }

  /** Takes over a stranded delivery; false when another process took it (or it got its job) first. */
  async reclaim(row: Pick<DeliveryRow, 'delivery_id' | 'dispatch_claimed_at'>): Promise<boolean> {
    const res = await this.db
      .updateTable('webhook_deliveries')
      .set({ dispatch_claimed_at: this.now().toISOString() })
      .where('delivery_id', '=', row.delivery_id)
      .where('dispatch_job_id', 'is', null)
      .where('dispatch_claimed_at', '=', row.dispatch_claimed_at)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Deletes a webhook's log; answers the jobs of the series that were current (to stop them). */
  async deleteOfWebhook(webhookId: string): Promise<string[]> {
    const rows = await this.db.deleteFrom('webhook_deliveries').where('webhook_id', '=', webhookId).returning('dispatch_job_id').execute();
    return rows.flatMap((r) => (r.dispatch_job_id ? [r.dispatch_job_id] : []));
  }

  async deleteCreatedBefore(before: string): Promise<number> {
    const res = await this.db.deleteFrom('webhook_deliveries').where('created_at', '<', before).executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}
