import { Inject, Injectable } from '@nestjs/common';
import { ATELIER_DB, currentExecutor, type AtelierDb } from '@atelier/persistence';
import { AppConfig } from '@atelier/platform';
import { PrincipalCache } from '../guard/principal-cache';
import { randomSecret, sha256 } from '../tokens';
import { credentialUserOf, CREDENTIAL_USER_COLUMNS, type CredentialUser } from '../users/users.repository';

export interface SessionMeta {
  ip?: string;
  userAgent?: string;
}

/** Last-seen times are written at most this often: a request is a read, not a write. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Server-side sessions, shared by every node through the database: the cookie holds an opaque
 * random id; the table holds its hash, its user, and its idle and absolute expiry. Revoking is
 * deleting the row.
 */
@Injectable()
export class SessionsService {
  constructor(
    @Inject(ATELIER_DB) private readonly db: AtelierDb,
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly principals: PrincipalCache,
  ) {}

  /** Opens a session for a user; answers the cookie value. */
  async create(userId: string, meta: SessionMeta): Promise<string> {
    const token = randomSecret();
    const now = Date.now();
    await currentExecutor(this.db)
      .insertInto('sessions')
      .values({
        session_hash: sha256(token),
        user_id: userId,
        created_at: new Date(now).toISOString(),
        last_seen_at: new Date(now).toISOString(),
        expires_at: new Date(now + this.config.values.sessionMaxAgeMs).toISOString(),
        ip: meta.ip ?? null,
        user_agent: meta.userAgent?.slice(0, 300) ?? null,
      })
      .execute();
    return token;
  }

  /** The user of a live session (read with it), its hash and until when it stays live unused; undefined when gone (an expired or idle one is removed). */
  async resolve(token: string): Promise<{ user: CredentialUser; sessionHash: string; validUntil: number } | undefined> {
    const hash = sha256(token);
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.user_id', 'sessions.user_id')
      .select(['sessions.user_id', 'sessions.last_seen_at', 'sessions.expires_at', ...CREDENTIAL_USER_COLUMNS])
      .where('sessions.session_hash', '=', hash)
      .executeTakeFirst();
    if (!row) return undefined;
    const now = Date.now();
    const idleFor = now - Date.parse(row.last_seen_at);
    if (now >= Date.parse(row.expires_at) || idleFor >= this.config.values.sessionIdleTimeoutMs) {
      await this.revoke(token);
      return undefined;
    }
    let lastSeen = Date.parse(row.last_seen_at);
    if (idleFor >= TOUCH_EVERY_MS) {
      await this.db.updateTable('sessions').set({ last_seen_at: new Date(now).toISOString() }).where('session_hash', '=', hash).execute();
      lastSeen = now;
    }
    return { user: credentialUserOf(row), sessionHash: hash, validUntil: Math.min(Date.parse(row.expires_at), lastSeen + this.config.values.sessionIdleTimeoutMs) };
  }

  async revoke(token: string): Promise<void> {
    await this.principals.changing(() => currentExecutor(this.db).deleteFrom('sessions').where('session_hash', '=', sha256(token)).execute());
  }

  /** Removes sessions past their absolute expiry (the idle ones go when next presented, or here once past it). */
  async prune(): Promise<number> {
    const now = new Date().toISOString();
    const idleBefore = new Date(Date.now() - this.config.values.sessionIdleTimeoutMs).toISOString();
    const res = await this.db.deleteFrom('sessions').where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', idleBefore)])).executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}
