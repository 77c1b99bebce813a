import type { Role } from '@atelier/contracts';

/** How roles read in the console. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = { admin: 'Admin', operator: 'Operator', member: 'Member' };
