import { ROLES, type Role } from '@atelier/contracts';

/** Whether a role is at least `minimum` (member < operator < admin). */
export function hasRole(role: Role | null | undefined, minimum: Role): boolean {
  return !!role && ROLES.indexOf(role) >= ROLES.indexOf(minimum);
}

/** The roles one may give to what one creates (an API key): one's own and those below it. */
export function rolesUpTo(role: Role): readonly Role[] {
  return ROLES.slice(0, ROLES.indexOf(role) + 1);
}

/** What the server requires of a new password. */
export const MIN_PASSWORD_LENGTH = 12;
