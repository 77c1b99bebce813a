import { Inject, Injectable } from '@nestjs/common';
import type { AuditEntry, AuditList } from '@atelier/contracts';
import { ATELIER_DB, currentExecutor, type AtelierDb } from '@atelier/persistence';
import { AuditTrail, decodeCursor, encodeCursor, uuidv7, type AccessScope } from '@atelier/platform';

export interface AuditRecord {
  action: string;
  target?: string | null;
  detail?: Record<string, unknown>;
}

export interface AuditQuery {
  limit: number;
  cursor?: string;
  actor?: string;
  action?: string;
}

/**
 * The audit log: who did what, when, from where. An entry joins the ambient transaction, so a
 * change made inside inTransaction() and its entry commit together or not at all.
 */
@Injectable()
export class AuditService extends AuditTrail {
  constructor(@Inject(ATELIER_DB) private readonly db: AtelierDb) {
    super();
  }

  async record(scope: Pick<AccessScope, 'actor' | 'ip'>, entry: AuditRecord): Promise<void> {
    await currentExecutor(this.db)
      .insertInto('audit_log')
      .values({
        audit_id: uuidv7(),
        at: new Date().toISOString(),
        actor: scope.actor ?? null,
        action: entry.action,
        target: entry.target ?? null,
        ip: scope.ip ?? null,
        detail: JSON.stringify(entry.detail ?? {}),
      })
      .execute();
  }

  /** Newest first. */
  async list(q: AuditQuery): Promise<AuditList> {
    let query = this.db.selectFrom('audit_log').selectAll().orderBy('audit_id', 'desc').limit(q.limit + 1);
    if (q.cursor) query = query.where('audit_id', '<', decodeCursor(q.cursor));
    if (q.actor) query = query.where('actor', '=', q.actor);
    if (q.action) query = query.where('action', '=', q.action);
    const rows = await query.execute();
    const page: AuditEntry[] = rows.slice(0, q.limit).map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
    return { audit: page, next_cursor: rows.length > q.limit ? encodeCursor(page[page.length - 1].audit_id) : null };
  }
}
