import { Inject, Injectable } from '@nestjs/common';
import type { Role, User } from '@atelier/contracts';
import { ATELIER_DB, currentExecutor, type AtelierDb, type UsersTable } from '@atelier/persistence';

export interface UserRecord extends User {
  password_hash: string | null;
  oidc_subject: string | null;
}

/** What a request needs of a credential's user, read in the same statement as the credential. */
export interface CredentialUser {
  user_id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
}

/**
 * The columns of `users` a credential's statement selects when it joins `users` on its `user_id`
 * (the role as `user_role`: an API key has a role of its own). One statement per request instead
 * of two: in distributed mode every request checks its credential in PostgreSQL.
 */
export const CREDENTIAL_USER_COLUMNS = ['users.email', 'users.name', 'users.role as user_role', 'users.disabled'] as const;

/** The CredentialUser of a row selected with CREDENTIAL_USER_COLUMNS. */
export function credentialUserOf(r: { user_id: string; email: string; name: string; user_role: string; disabled: number | boolean }): CredentialUser {
  return { user_id: r.user_id, email: r.email, name: r.name, role: r.user_role as Role, disabled: Number(r.disabled) === 1 };
}

/** Rows of `users`. Writes join the ambient transaction, so the audit entry commits with them. */
@Injectable()
export class UsersRepository {
  constructor(@Inject(ATELIER_DB) private readonly db: AtelierDb) {}

  async insert(user: UserRecord): Promise<void> {
    await currentExecutor(this.db).insertInto('users').values(toRow(user)).execute();
  }

  async get(id: string): Promise<UserRecord | undefined> {
    const row = await currentExecutor(this.db).selectFrom('users').selectAll().where('user_id', '=', id).executeTakeFirst();
    return row && fromRow(row);
  }

  async byEmail(email: string): Promise<UserRecord | undefined> {
    const row = await currentExecutor(this.db).selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
    return row && fromRow(row);
  }

  async bySubject(subject: string): Promise<UserRecord | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('oidc_subject', '=', subject).executeTakeFirst();
    return row && fromRow(row);
  }

  async list(): Promise<UserRecord[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('created_at').orderBy('user_id').limit(1000).execute();
    return rows.map(fromRow);
  }

  async count(): Promise<number> {
    const row = await currentExecutor(this.db).selectFrom('users').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async countAdmins(): Promise<number> {
    const row = await currentExecutor(this.db)
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('role', '=', 'admin')
      .where('disabled', '=', 0)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async update(id: string, patch: Partial<Pick<UserRecord, 'name' | 'role' | 'disabled' | 'password_hash' | 'oidc_subject'>>): Promise<UserRecord | undefined> {
    const set: Partial<UsersTable> = { updated_at: new Date().toISOString() };
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.role !== undefined) set.role = patch.role;
    if (patch.disabled !== undefined) set.disabled = patch.disabled ? 1 : 0;
    if (patch.password_hash !== undefined) set.password_hash = patch.password_hash;
    if (patch.oidc_subject !== undefined) set.oidc_subject = patch.oidc_subject;
    const row = await currentExecutor(this.db).updateTable('users').set(set).where('user_id', '=', id).returningAll().executeTakeFirst();
    return row && fromRow(row);
  }

  async delete(id: string): Promise<boolean> {
    const res = await currentExecutor(this.db).deleteFrom('users').where('user_id', '=', id).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }
}

export function publicUser(u: UserRecord): User {
  return { user_id: u.user_id, email: u.email, name: u.name, role: u.role, created_at: u.created_at, disabled: u.disabled };
}

function toRow(u: UserRecord): UsersTable {
  return {
    user_id: u.user_id,
    email: u.email.toLowerCase(),
    name: u.name,
    role: u.role,
    password_hash: u.password_hash,
    oidc_subject: u.oidc_subject,
    disabled: u.disabled ? 1 : 0,
    created_at: u.created_at,
    updated_at: u.created_at,
  };
}

function fromRow(r: UsersTable): UserRecord {
  return {
    user_id: r.user_id,
    email: r.email,
    name: r.name,
    role: r.role as Role,
    password_hash: r.password_hash,
    oidc_subject: r.oidc_subject,
    disabled: Number(r.disabled) === 1,
    created_at: r.created_at,
  };
}
