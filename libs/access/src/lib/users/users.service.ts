import { Inject, Injectable } from '@nestjs/common';
import type { Role, User } from '@atelier/contracts';
import { ATELIER_DB, inTransaction, type AtelierDb } from '@atelier/persistence';
import { ConflictError, InvalidInputError, NotFoundError, uuidv7, type AccessScope } from '@atelier/platform';
import { AuditService } from '../audit/audit.service';
import { hashPassword, MIN_PASSWORD_LENGTH } from './password-hasher';
import { UsersRepository, publicUser, type UserRecord } from './users.repository';
import { CredentialsRevoker } from './credentials-revoker';
import { PrincipalCache } from '../guard/principal-cache';

export interface NewUser {
  email: string;
  name?: string;
  role: Role;
  password?: string;
  oidcSubject?: string;
}

export interface UserPatch {
  name?: string;
  role?: Role;
  disabled?: boolean;
  password?: string;
}

/** Users: created by an admin, by the first-run setup or by a first SSO sign-in; every change audited in its transaction. */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    private readonly revoker: CredentialsRevoker,
    @Inject(ATELIER_DB) private readonly db: AtelierDb,
    private readonly principals: PrincipalCache,
  ) {}

  async create(scope: AccessScope, spec: NewUser): Promise<User> {
    const email = normaliseEmail(spec.email);
    if (spec.password !== undefined) checkPassword(spec.password);
    const now = new Date().toISOString();
    const record: UserRecord = {
      user_id: uuidv7(),
      email,
      name: spec.name?.trim() || email.split('@')[0],
      role: spec.role,
      password_hash: spec.password === undefined ? null : await hashPassword(spec.password),
      oidc_subject: spec.oidcSubject ?? null,
      disabled: false,
      created_at: now,
    };
    return inTransaction(this.db, async () => {
      if (await this.users.byEmail(email)) throw new ConflictError(`A user with email "${email}" already exists.`, 'user_exists');
      await this.users.insert(record);
      await this.audit.record(scope, { action: 'user.created', target: record.user_id, detail: { email, role: record.role } });
      return publicUser(record);
    });
  }

  async list(): Promise<User[]> {
    return (await this.users.list()).map(publicUser);
  }

  async get(id: string): Promise<UserRecord> {
    const user = await this.users.get(id);
    if (!user) throw new NotFoundError(`No user with id "${id}".`);
    return user;
  }

  async update(scope: AccessScope, id: string, patch: UserPatch): Promise<User> {
    if (patch.password !== undefined) checkPassword(patch.password);
    const passwordHash = patch.password === undefined ? undefined : await hashPassword(patch.password);
    return this.principals.changing(() =>
      inTransaction(this.db, async () => {
        const before = await this.get(id);
        const demotes = before.role === 'admin' && ((patch.role && patch.role !== 'admin') || patch.disabled === true);
        if (demotes && (await this.users.countAdmins()) <= 1) {
          throw new ConflictError('This is the last admin: make another user admin first.', 'last_admin');
        }
        const after = await this.users.update(id, { name: patch.name?.trim() || undefined, role: patch.role, disabled: patch.disabled, password_hash: passwordHash });
        if (!after) throw new NotFoundError(`No user with id "${id}".`);
        // A disabled user, a lowered role or a new password: their sessions and keys stop at once.
        if (patch.disabled === true || (patch.role && patch.role !== before.role) || passwordHash) await this.revoker.revokeAll(id, patch.role);
        const changed = Object.keys(patch).filter((k) => k !== 'password');
        await this.audit.record(scope, { action: 'user.updated', target: id, detail: { changed, password_changed: passwordHash !== undefined } });
        return publicUser(after);
      }),
    );
  }

  async delete(scope: AccessScope, id: string): Promise<void> {
    await this.principals.changing(() =>
      inTransaction(this.db, async () => {
        const user = await this.get(id);
        if (user.role === 'admin' && !user.disabled && (await this.users.countAdmins()) <= 1) {
          throw new ConflictError('This is the last admin: make another user admin first.', 'last_admin');
        }
        await this.users.delete(id);
        await this.audit.record(scope, { action: 'user.deleted', target: id, detail: { email: user.email } });
      }),
    );
  }
}

export function normaliseEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+$/.test(email) || email.length > 254) {
    throw new InvalidInputError(`"${raw}" is not an email address.`, { errors: [{ field: 'email', message: 'must be an email address' }] });
  }
  return email;
}

export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > 1024) {
    throw new InvalidInputError(`A password needs ${MIN_PASSWORD_LENGTH} to 1024 characters.`, {
      errors: [{ field: 'password', message: `must have at least ${MIN_PASSWORD_LENGTH} characters` }],
    });
  }
}
