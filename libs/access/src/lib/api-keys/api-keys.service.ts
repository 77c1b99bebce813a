import { Inject, Injectable } from '@nestjs/common';
import type { ApiKey, CreatedApiKey, Role } from '@atelier/contracts';
import { ATELIER_DB, currentExecutor, inTransaction, type AtelierDb, type ApiKeysTable } from '@atelier/persistence';
import { ForbiddenError, InvalidInputError, NotFoundError, roleAtLeast, uuidv7, type AccessScope, type Principal } from '@atelier/platform';
import { AuditService } from '../audit/audit.service';
import { PrincipalCache } from '../guard/principal-cache';
import { credentialUserOf, CREDENTIAL_USER_COLUMNS, type CredentialUser } from '../users/users.repository';
import { randomSecret, sha256 } from '../tokens';

/** Every key starts with this, so secret scanners and people recognise one. */
export const API_KEY_PREFIX = 'atelier_';
const SHOWN_PREFIX_LENGTH = API_KEY_PREFIX.length + 8;
const TOUCH_EVERY_MS = 60_000;

export interface NewApiKey {
  name: string;
  role?: Role;
  expires_at?: string;
}

/** API keys: shown once, stored as a hash with a visible prefix, an expiry and `last_used_at`. */
@Injectable()
export class ApiKeysService {
  private readonly touched = new Map<string, number>();

  constructor(
    @Inject(ATELIER_DB) private readonly db: AtelierDb,
    private readonly audit: AuditService,
    private readonly principals: PrincipalCache,
  ) {}

  async create(principal: Principal, scope: AccessScope, spec: NewApiKey): Promise<CreatedApiKey> {
    const name = spec.name?.trim();
    if (!name || name.length > 100) throw new InvalidInputError('A key needs a name of 1 to 100 characters.', { errors: [{ field: 'name', message: 'required, at most 100 characters' }] });
    const role = spec.role ?? principal.role;
    if (!roleAtLeast(principal.role, role)) throw new ForbiddenError(`A key's role is at most its creator's: you are ${principal.role}, the key asks for ${role}.`);
    let expiresAt: string | null = null;
    if (spec.expires_at !== undefined && spec.expires_at !== null) {
      const t = Date.parse(spec.expires_at);
      if (Number.isNaN(t)) throw new InvalidInputError('expires_at must be an ISO-8601 time.', { errors: [{ field: 'expires_at', message: 'not a time' }] });
      if (t <= Date.now()) throw new InvalidInputError('expires_at must be in the future.', { errors: [{ field: 'expires_at', message: 'in the past' }] });
      expiresAt = new Date(t).toISOString();
    }
    const key = `${API_KEY_PREFIX}${randomSecret()}`;
    const row: ApiKeysTable = {
      api_key_id: uuidv7(),
      user_id: principal.user_id,
      name,
      role,
      prefix: key.slice(0, SHOWN_PREFIX_LENGTH),
      key_hash: sha256(key),
      created_at: new Date().toISOString(),
      expires_at: expiresAt,
      last_used_at: null,
    };
    await inTransaction(this.db, async () => {
      await currentExecutor(this.db).insertInto('api_keys').values(row).execute();
      await this.audit.record(scope, { action: 'api_key.created', target: row.api_key_id, detail: { name, role, prefix: row.prefix } });
    });
    return { ...toApiKey(row), key };
  }

  /** A member's or operator's own keys; an admin's view is every key. */
  async list(principal: Principal): Promise<ApiKey[]> {
    let q = this.db.selectFrom('api_keys').selectAll().orderBy('created_at', 'desc').limit(1000);
    if (principal.role !== 'admin') q = q.where('user_id', '=', principal.user_id);
    return (await q.execute()).map(toApiKey);
  }

  async revoke(principal: Principal, scope: AccessScope, id: string): Promise<void> {
    await this.principals.changing(() =>
      inTransaction(this.db, async () => {
        const db = currentExecutor(this.db);
        const row = await db.selectFrom('api_keys').selectAll().where('api_key_id', '=', id).executeTakeFirst();
        if (!row || (principal.role !== 'admin' && row.user_id !== principal.user_id)) throw new NotFoundError(`No API key with id "${id}".`);
        await db.deleteFrom('api_keys').where('api_key_id', '=', id).execute();
        await this.audit.record(scope, { action: 'api_key.revoked', target: id, detail: { name: row.name, prefix: row.prefix } });
      }),
    );
  }

  /** The key's id, role and user when it is live, and until when (its expiry); records its use (at most once a minute). */
  async resolve(key: string): Promise<{ apiKeyId: string; user: CredentialUser; role: Role; validUntil: number } | undefined> {
    if (!key.startsWith(API_KEY_PREFIX)) return undefined;
    const row = await this.db
      .selectFrom('api_keys')
      .innerJoin('users', 'users.user_id', 'api_keys.user_id')
      .select(['api_keys.api_key_id', 'api_keys.user_id', 'api_keys.role', 'api_keys.expires_at', ...CREDENTIAL_USER_COLUMNS])
      .where('api_keys.key_hash', '=', sha256(key))
      .executeTakeFirst();
    if (!row || (row.expires_at && Date.parse(row.expires_at) <= Date.now())) return undefined;
    const now = Date.now();
    if (now - (this.touched.get(row.api_key_id) ?? 0) >= TOUCH_EVERY_MS) {
      this.touched.set(row.api_key_id, now);
      await this.db.updateTable('api_keys').set({ last_used_at: new Date(now).toISOString() }).where('api_key_id', '=', row.api_key_id).execute();
    }
    return { apiKeyId: row.api_key_id, user: credentialUserOf(row), role: row.role as Role, validUntil: row.expires_at ? Date.parse(row.expires_at) : Infinity };
  }
}

function toApiKey(r: ApiKeysTable): ApiKey {
  return { api_key_id: r.api_key_id, name: r.name, role: r.role as Role, prefix: r.prefix, created_at: r.created_at, expires_at: r.expires_at, last_used_at: r.last_used_at, user_id: r.user_id };
}
