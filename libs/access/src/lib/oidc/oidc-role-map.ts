import { ROLES, type Role } from '@atelier/contracts';
import { ConfigError, roleAtLeast } from '@atelier/platform';

/** OIDC_ROLE_MAP parsed: claim value → role. */
export type RoleMap = ReadonlyMap<string, Role>;

/** Parses "atelier-admins=admin,atelier-ops=operator"; a malformed entry stops the boot naming the variable. */
export function parseRoleMap(raw: string | undefined): RoleMap {
  const map = new Map<string, Role>();
  for (const entry of (raw ?? '').split(',').map((e) => e.trim()).filter(Boolean)) {
    const eq = entry.lastIndexOf('=');
    const value = entry.slice(0, eq).trim();
    const role = entry.slice(eq + 1).trim() as Role;
    if (eq <= 0 || !value || !ROLES.includes(role)) {
      throw new ConfigError([`OIDC_ROLE_MAP entry "${entry}" must be <claim value>=<role>, the role one of ${ROLES.join(', ')}.`]);
    }
    map.set(value, role);
  }
  return map;
}

/**
 * The role the claim grants: the highest role among the claim's values that the map names, or
 * undefined when none does. The claim holds one value or an array of them.
 */
export function mappedRole(claims: Record<string, unknown>, claim: string, map: RoleMap): Role | undefined {
  const raw = claims[claim];
  const values = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  let best: Role | undefined;
  for (const value of values) {
    const role = map.get(String(value));
    if (role && (!best || roleAtLeast(role, best))) best = role;
  }
  return best;
}
