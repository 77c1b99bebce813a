import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { Role } from '@atelier/contracts';
import { roleAtLeast, type Principal } from '@atelier/platform';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { SessionsService } from '../sessions/sessions.service';
import type { CredentialUser } from '../users/users.repository';
import { PrincipalCache, type VerifiedCredential } from './principal-cache';

export const SESSION_COOKIE = 'atelier_session';

/**
 * Finds the principal of a request: a Bearer API key, else the session cookie. The credential and
 * its user are checked in the database with one statement, or taken from the PrincipalCache
 * (embedded mode), which every change to them empties.
 */
@Injectable()
export class Authenticator {
  constructor(
    private readonly sessions: SessionsService,
    private readonly apiKeys: ApiKeysService,
    private readonly cache: PrincipalCache,
  ) {}

  async authenticate(req: Request): Promise<Principal | undefined> {
    const bearer = bearerOf(req);
    if (bearer !== undefined) return this.cache.resolve('api_key', bearer, () => this.verifyKey(bearer));
    const token = cookieOf(req, SESSION_COOKIE);
    if (!token) return undefined;
    return this.cache.resolve('session', token, () => this.verifySession(token));
  }

  private async verifyKey(bearer: string): Promise<VerifiedCredential | undefined> {
    const key = await this.apiKeys.resolve(bearer);
    const principal = key && principalOf(key.user, 'api_key', key.apiKeyId, key.role);
    return principal && { principal, validUntil: key.validUntil };
  }

  private async verifySession(token: string): Promise<VerifiedCredential | undefined> {
    const session = await this.sessions.resolve(token);
    const principal = session && principalOf(session.user, 'session', session.sessionHash);
    return principal && { principal, validUntil: session.validUntil };
  }
}

function principalOf(user: CredentialUser, via: Principal['via'], credentialId: string, keyRole?: Role): Principal | undefined {
  if (user.disabled) return undefined;
  // A key acts with its own role, never above its user's current one.
  const role = keyRole && !roleAtLeast(keyRole, user.role) ? keyRole : user.role;
  // Shared by the requests of one credential while it is cached.
  return Object.freeze({ user_id: user.user_id, email: user.email, name: user.name, role, via, credential_id: credentialId });
}

export function bearerOf(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1] : '';
}

export function cookieOf(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}
