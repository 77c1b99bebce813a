import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ROLES, type Role } from '@atelier/contracts';

/** Who a request acts as: a user through a session cookie or an API key. */
export interface Principal {
  user_id: string;
  email: string;
  name: string;
  /** The effective role: an API key's, which is at most its user's. */
  role: Role;
  via: 'session' | 'api_key';
  /** The session hash or API key id. */
  credential_id: string;
}

/**
 * Whose rows a request may see and act on, applied by the services and stores (never re-checked
 * by hand in a controller). `owner` set: only that member's rows; unset: every row.
 */
export interface AccessScope {
  readonly owner?: string;
  /** The user acting: the owner of what the request creates, and the actor in the audit log. */
  readonly actor?: string;
  readonly ip?: string;
}

/** The engine's own work, and processes without requests (workers): every row. */
export const SYSTEM_SCOPE: AccessScope = Object.freeze({});

export function roleAtLeast(role: Role, min: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(min);
}

export function scopeOf(principal: Principal, ip?: string): AccessScope {
  return { owner: roleAtLeast(principal.role, 'operator') ? undefined : principal.user_id, actor: principal.user_id, ip };
}

/** Whether a row owned by `owner` is visible in `scope` (a row of another member is as if it did not exist). */
export function visibleIn(scope: AccessScope, owner: string | null | undefined): boolean {
  return scope.owner === undefined || scope.owner === owner;
}

/** What the access guard leaves on the request. */
export interface AccessRequest {
  principal?: Principal;
  accessScope?: AccessScope;
}

export const PUBLIC_ROUTE = 'atelier:public';
export const MIN_ROLE = 'atelier:min-role';

/** A route anyone may call without a principal (health, login, setup). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The least role a route needs (default: any signed-in user). */
export const MinRole = (role: Role) => SetMetadata(MIN_ROLE, role);

/** The request's AccessScope (SYSTEM_SCOPE on a public route). */
export const CurrentScope = createParamDecorator((_: unknown, ctx: ExecutionContext): AccessScope => {
  return ctx.switchToHttp().getRequest<AccessRequest>().accessScope ?? SYSTEM_SCOPE;
});

/** The request's principal; only on routes that need one. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal | undefined => {
  return ctx.switchToHttp().getRequest<AccessRequest>().principal;
});

/** Where who-did-what is recorded (the access lib's audit log); libs record their commands through it. */
export abstract class AuditTrail {
  abstract record(scope: Pick<AccessScope, 'actor' | 'ip'>, entry: { action: string; target?: string | null; detail?: Record<string, unknown> }): Promise<void>;
}
