import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Role } from '@atelier/contracts';
import { ATELIER_DB, inTransaction, type AtelierDb } from '@atelier/persistence';
import { AppConfig, ConflictError, InvalidInputError } from '@atelier/platform';
import { AuditService } from '../audit/audit.service';
import { SessionsService, type SessionMeta } from '../sessions/sessions.service';
import { UsersRepository, type UserRecord } from '../users/users.repository';
import { UsersService, normaliseEmail } from '../users/users.service';
import type { IdentityClaims } from './oidc-issuer';
import { mappedRole, parseRoleMap, type RoleMap } from './oidc-role-map';
import { SsoError } from './sso-error';

export interface SsoSignIn {
  user: UserRecord;
  /** The new session's cookie value. */
  token: string;
}

/**
 * Turns the identity an issuer vouched for into an Atelier user and session: found by subject,
 * else by verified email (then linked), else created; its role follows OIDC_ROLE_MAP at every
 * sign-in when a mapping is configured.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger('SSO');
  private readonly roleMap: RoleMap;

  constructor(
    private readonly users: UsersRepository,
    private readonly usersService: UsersService,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    @Inject(ATELIER_DB) private readonly db: AtelierDb,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {
    this.roleMap = parseRoleMap(config.values.oidcRoleMap);
  }

  async signIn(claims: IdentityClaims, meta: SessionMeta): Promise<SsoSignIn> {
    const scope = { ip: meta.ip };
    let user = (await this.users.bySubject(claims.sub)) ?? (await this.linkOrCreate(claims, meta));
    if (user.disabled) {
      await this.audit.record({ actor: user.user_id, ip: meta.ip }, { action: 'auth.login_failed', target: user.email, detail: { via: 'sso', reason: 'disabled' } });
      throw new SsoError(403, 'account_disabled', 'This account is disabled; ask an Atelier admin.');
    }
    const role = this.mapped(claims);
    if (role && role !== user.role) user = await this.applyRole(user, role, { ...scope, actor: user.user_id });
    const token = await inTransaction(this.db, async () => {
      const t = await this.sessions.create(user.user_id, meta);
      await this.audit.record({ actor: user.user_id, ip: meta.ip }, { action: 'auth.login', target: user.user_id, detail: { via: 'sso' } });
      return t;
    });
    return { user, token };
  }

  /** The role OIDC_ROLE_MAP grants (OIDC_DEFAULT_ROLE when it matches nothing), or undefined when no mapping is configured. */
  private mapped(claims: IdentityClaims): Role | undefined {
    const claim = this.config.values.oidcRoleClaim;
    if (!claim || this.roleMap.size === 0) return undefined;
    return mappedRole(claims, claim, this.roleMap) ?? this.config.values.oidcDefaultRole;
  }

  private async linkOrCreate(claims: IdentityClaims, meta: SessionMeta): Promise<UserRecord> {
    const email = emailOf(claims);
    const existing = await this.users.byEmail(email);
    if (existing) {
      // Refused in signIn(), without linking.
      if (existing.disabled) return existing;
      if (claims.email_verified !== true) {
        throw new SsoError(409, 'sso_email_unverified', `An account with email ${email} exists, and the SSO issuer does not say this email is verified, so it cannot be linked. Ask an Atelier admin.`);
      }
      if (existing.oidc_subject && existing.oidc_subject !== claims.sub) {
        throw new SsoError(409, 'sso_account_conflict', `The account ${email} is linked to another SSO identity. Ask an Atelier admin.`);
      }
      return inTransaction(this.db, async () => {
        const linked = (await this.users.update(existing.user_id, { oidc_subject: claims.sub }))!;
        await this.audit.record({ actor: existing.user_id, ip: meta.ip }, { action: 'user.sso_linked', target: existing.user_id, detail: { email } });
        return linked;
      });
    }
    const role = this.mapped(claims) ?? this.config.values.oidcDefaultRole;
    try {
      const created = await this.usersService.create({ ip: meta.ip }, { email, name: nameOf(claims), role, oidcSubject: claims.sub });
      this.logger.log(`Created ${email} (${role}) at a first sign-in through SSO`);
      return (await this.users.get(created.user_id))!;
    } catch (err) {
      // The same person signing in twice at once: the other request created it.
      if (err instanceof ConflictError) {
        const raced = await this.users.bySubject(claims.sub);
        if (raced) return raced;
      }
      throw err;
    }
  }

  private async applyRole(user: UserRecord, role: Role, scope: { ip?: string; actor: string }): Promise<UserRecord> {
    try {
      await this.usersService.update(scope, user.user_id, { role });
      return { ...user, role };
    } catch (err) {
      if (err instanceof ConflictError && err.code === 'last_admin') {
        this.logger.warn(`OIDC_ROLE_MAP gives ${user.email} the role ${role}, but it is the last admin: it stays admin`);
        return user;
      }
      throw err;
    }
  }
}

function emailOf(claims: IdentityClaims): string {
  if (typeof claims.email !== 'string' || !claims.email) {
    throw new SsoError(403, 'sso_no_email', 'The SSO issuer did not share an email address; allow the "email" scope for Atelier at the issuer.');
  }
  try {
    return normaliseEmail(claims.email);
  } catch (err) {
    if (err instanceof InvalidInputError) throw new SsoError(403, 'sso_no_email', `The SSO issuer's email "${claims.email}" is not an email address.`);
    throw err;
  }
}

function nameOf(claims: IdentityClaims): string | undefined {
  const name = [claims.name, claims.preferred_username, [claims.given_name, claims.family_name].filter(Boolean).join(' ')].find((n) => typeof n === 'string' && n.trim());
  return typeof name === 'string' ? name.trim().slice(0, 100) : undefined;
}
