import type { Webhook, WebhookEvent } from '@atelier/contracts';
import type { WebhookDb, WebhooksTable } from './webhook-tables';

export interface WebhookRecord extends Webhook {
  secret: string;
}

export interface WebhookChanges {
  url?: string;
  events?: WebhookEvent[];
  description?: string | null;
  enabled?: boolean;
  secret?: string;
}

/** Rows of `webhooks`. `owner` limits a call to one user's webhooks (undefined: every webhook). */
export class WebhooksStore {
  constructor(private readonly db: WebhookDb) {}

  async insert(record: WebhookRecord): Promise<void> {
    await this.db.insertInto('webhooks').values(toRow(record)).execute();
  }

  async get(id: string, owner?: string): Promise<WebhookRecord | undefined> {
    let q = this.db.selectFrom('webhooks').selectAll().where('webhook_id', '=', id);
    if (owner !== undefined) q = q.where('owner', '=', owner);
    const row = await q.executeTakeFirst();
    return row && toRecord(row);
  }

  /** Newest first, ids below `beforeId`. */
  async list(owner: string | undefined, limit: number, beforeId?: string): Promise<WebhookRecord[]> {
    let q = this.db.selectFrom('webhooks').selectAll().orderBy('webhook_id', 'desc').limit(limit);
    if (owner !== undefined) q = q.where('owner', '=', owner);
    if (beforeId) q = q.where('webhook_id', '<', beforeId);
    return (await q.execute()).map(toRecord);
  }

  async countOf(owner: string): Promise<number> {
    const row = await this.db.selectFrom('webhooks').select((eb) => eb.fn.countAll<string | number>().as('n')).where('owner', '=', owner).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Every enabled webhook, with its owner's role (null when the owner is disabled or gone). */
  async enabledWithOwnerRole(): Promise<(WebhookRecord & { ownerRole: string | null })[]> {
    const rows = await this.db
      .selectFrom('webhooks as w')
      .leftJoin('users as u', (j) => j.onRef('u.user_id', '=', 'w.owner').on('u.disabled', '=', 0))
      .selectAll('w')
      .select('u.role as owner_role')
      .where('w.enabled', '=', 1)
      .execute();
    return rows.map((r) => ({ ...toRecord(r), ownerRole: r.owner_role ?? null }));
  }

  /** Applies changes; answers the webhook as it is now, or undefined when it is gone. */
  async update(id: string, owner: string | undefined, changes: WebhookChanges): Promise<WebhookRecord | undefined> {
    const set: Partial<WebhooksTable> = { updated_at: new Date().toISOString() };
    if (changes.url !== undefined) set.url = changes.url;
    if (changes.events !== undefined) set.events = JSON.stringify(changes.events);
    if (changes.description !== undefined) set.description = changes.description;
    if (changes.enabled !== undefined) set.enabled = changes.enabled ? 1 : 0;
    if (changes.secret !== undefined) set.secret = changes.secret;
    let q = this.db.updateTable('webhooks').set(set).where('webhook_id', '=', id);
    if (owner !== undefined) q = q.where('owner', '=', owner);
    const res = await q.executeTakeFirst();
    return Number(res.numUpdatedRows) === 1 ? this.get(id) : undefined;
  }

  /** Deletes the webhook; false when there was none to delete. */
  async delete(id: string, owner?: string): Promise<boolean> {
    let q = this.db.deleteFrom('webhooks').where('webhook_id', '=', id);
    if (owner !== undefined) q = q.where('owner', '=', owner);
    const res = await q.executeTakeFirst();
    return Number(res.numDeletedRows) === 1;
  }
}

function toRow(r: WebhookRecord): WebhooksTable {
  return {
    webhook_id: r.webhook_id,
    owner: r.owner,
    url: r.url,
    events: JSON.stringify(r.events),
    description: r.description,
    secret: r.secret,
    enabled: r.enabled ? 1 : 0,
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}

function toRecord(row: WebhooksTable): WebhookRecord {
  return {
    webhook_id: row.webhook_id,
    owner: row.owner,
    url: row.url,
    events: JSON.parse(row.events) as WebhookEvent[],
    description: row.description,
    secret: row.secret,
    enabled: Number(row.enabled) === 1,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** The wire shape: everything but the secret. */
export function publicWebhook({ secret: _secret, ...webhook }: WebhookRecord): Webhook {
  return webhook;
}
