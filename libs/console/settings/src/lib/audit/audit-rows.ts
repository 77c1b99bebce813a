import type { AuditEntry, User } from '@atelier/contracts';
import { auditActionLabel, isAlarming } from './audit-actions';

/** An audit entry as the log shows it: people by name rather than by id, the detail in words. */
export interface AuditRow {
  readonly entry: AuditEntry;
  /** Who did it: a name or an email, or why there is none. */
  readonly who: string;
  /** The email under a name, or the id of a user who no longer exists. */
  readonly whoDetail: string | null;
  /** The action in words, or as recorded when this console does not know it. */
  readonly action: string;
  readonly alarming: boolean;
  /** What it was done to: a user by name, an API key by its name, else as recorded. */
  readonly target: string | null;
  /** A job that may still be there to open. */
  readonly jobId: string | null;
  readonly details: string;
}

/** `users` is null while they are not known (loading, or failed): then a user shows as their id. */
export function toAuditRows(entries: readonly AuditEntry[], users: readonly User[] | null): AuditRow[] {
  const byId = new Map((users ?? []).map((u) => [u.user_id, u]));
  return entries.map((entry) => {
    const actor = entry.actor === null ? undefined : byId.get(entry.actor);
    const targetUser = entry.target === null ? undefined : byId.get(entry.target);
    return {
      entry,
      ...describeActor(entry.actor, actor, users !== null),
      action: auditActionLabel(entry.action) ?? entry.action,
      alarming: isAlarming(entry.action),
      target: describeTarget(entry, targetUser),
      jobId: entry.action.startsWith('job.') && entry.action !== 'job.deleted' ? entry.target : null,
      details: describeDetail(entry.detail),
    };
  });
}

function describeActor(actorId: string | null, actor: User | undefined, usersKnown: boolean): Pick<AuditRow, 'who' | 'whoDetail'> {
  if (actor) return { who: actor.name || actor.email, whoDetail: actor.name ? actor.email : null };
  if (actorId === null) return { who: 'Anonymous', whoDetail: null };
  return usersKnown ? { who: 'Deleted user', whoDetail: actorId } : { who: actorId, whoDetail: null };
}

/** A user by name (by email once deleted: the entry kept it), a key by name and prefix; ids only when there is nothing better. */
function describeTarget(entry: AuditEntry, user: User | undefined): string | null {
  if (user) return user.name || user.email;
  const { name, prefix, email } = entry.detail ?? {};
  if (entry.action.startsWith('api_key.') && typeof name === 'string') return typeof prefix === 'string' ? `${name} (${prefix}…)` : name;
  if (typeof email === 'string') return email;
  return entry.target;
}

/** `{ changed: ['role'], password_changed: false }` → `changed: role · password changed: no`. */
export function describeDetail(detail: Record<string, unknown> | null | undefined): string {
  return Object.entries(detail ?? {})
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([key, value]) => `${key.replaceAll('_', ' ')}: ${describeValue(value)}`)
    .join(' · ');
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(describeValue).join(', ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
