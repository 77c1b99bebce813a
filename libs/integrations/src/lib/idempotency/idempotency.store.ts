import { randomUUID } from 'node:crypto';
import type { AtelierDb } from '@atelier/persistence';
import type { AppConfig } from '@atelier/platform';

/** A request holding a key this long past the longest synchronous wait is taken as dead. */
const LEASE_MARGIN_MS = 60_000;

/** An answer as it went out: what a replay sends again. */
export interface StoredAnswer {
  status: number;
  /** The headers replays repeat (lower-case names). */
  headers: Record<string, string>;
  body: Buffer;
}

export type KeyRecord =
  | { state: 'in_progress'; fingerprint: string; claimId: string; createdAt: number }
  | { state: 'done'; fingerprint: string; claimId: string; createdAt: number; answer: StoredAnswer };

export type ClaimResult = { claimed: true; claimId: string } | { claimed: false; record: KeyRecord };

export interface IdempotencyTimes {
  /** How long a stored answer is replayed (IDEMPOTENCY_TTL_MS). */
  ttlMs: number;
  /** After this long a key still in progress is taken as abandoned (its process died) and may be claimed again. */
  leaseMs: number;
}

export function idempotencyTimes(config: AppConfig): IdempotencyTimes {
  return { ttlMs: config.values.idempotencyTtlMs, leaseMs: config.values.syncWaitTimeoutMs + LEASE_MARGIN_MS };
}

/**
 * Idempotency keys in the shared database (SQLite embedded, PostgreSQL distributed): the first
 * request's INSERT claims a key (the primary key lets only one win, on every node), its answer is
 * stored on the same row, and a 5xx releases it. Rows past their time are ignored, then deleted.
 */
export class IdempotencyStore {
  constructor(
    private readonly db: AtelierDb,
    private readonly times: IdempotencyTimes,
    private readonly now: () => number = Date.now,
  ) {}

  /** Claims the key for this request, or answers the record that holds it. */
  async claim(userId: string, key: string, fingerprint: string): Promise<ClaimResult> {
    // A pass loses only when the holder's row vanished or expired between the INSERT and the read; a few passes settle it.
    for (let pass = 0; pass < 5; pass++) {
      const claimId = randomUUID();
      const inserted = await this.db
        .insertInto('idempotency_keys')
        .values({ user_id: userId, idempotency_key: key, fingerprint, state: 'in_progress', claim_id: claimId, created_at: new Date(this.now()).toISOString() })
        .onConflict((oc) => oc.columns(['user_id', 'idempotency_key']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return { claimed: true, claimId };
      const record = await this.read(userId, key);
      if (record) return { claimed: false, record };
    }
    throw new Error(`Idempotency key of user ${userId} kept changing hands while being claimed`);
  }

  /** The live record of a key: undefined when there is none, or when it expired (then it is deleted, so it can be claimed). */
  async read(userId: string, key: string): Promise<KeyRecord | undefined> {
    const row = await this.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('user_id', '=', userId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    if (!row) return undefined;
    const createdAt = Date.parse(row.created_at);
    const age = this.now() - createdAt;
    if (row.state === 'done' ? age > this.times.ttlMs : age > this.times.leaseMs) {
      await this.release(userId, key, row.claim_id);
      return undefined;
    }
    const base = { fingerprint: row.fingerprint, claimId: row.claim_id, createdAt };
    if (row.state !== 'done') return { ...base, state: 'in_progress' };
    return {
      ...base,
      state: 'done',
      answer: { status: Number(row.status), headers: JSON.parse(row.headers ?? '{}') as Record<string, string>, body: Buffer.from(row.body ?? Buffer.alloc(0)) },
    };
  }

  /** Stores the answer of the request holding the key; false when it no longer held it. */
  async complete(userId: string, key: string, claimId: string, answer: StoredAnswer): Promise<boolean> {
    const res = await this.db
      .updateTable('idempotency_keys')
      .set({ state: 'done', status: answer.status, headers: JSON.stringify(answer.headers), body: answer.body })
      .where('user_id', '=', userId)
      .where('idempotency_key', '=', key)
      .where('claim_id', '=', claimId)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Frees the key (a failed request, or an expired record) so that the next request runs. */
  async release(userId: string, key: string, claimId: string): Promise<void> {
    await this.db.deleteFrom('idempotency_keys').where('user_id', '=', userId).where('idempotency_key', '=', key).where('claim_id', '=', claimId).execute();
  }

  /** Deletes every record past its time; answers how many. */
  async deleteExpired(): Promise<number> {
    const now = this.now();
    const doneBefore = new Date(now - this.times.ttlMs).toISOString();
    const abandonedBefore = new Date(now - Math.max(this.times.ttlMs, this.times.leaseMs)).toISOString();
    const res = await this.db
      .deleteFrom('idempotency_keys')
      .where((eb) => eb.or([eb.and([eb('state', '=', 'done'), eb('created_at', '<', doneBefore)]), eb('created_at', '<', abandonedBefore)]))
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}
