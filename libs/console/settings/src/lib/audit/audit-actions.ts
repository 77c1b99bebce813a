/** An action the server records, in words. */
export interface AuditActionOption {
  readonly action: string;
  readonly label: string;
}

export interface AuditActionGroup {
  readonly label: string;
  readonly actions: readonly AuditActionOption[];
}

/** The actions the server records today, grouped for the filter; any other action is shown as it is. */
export const AUDIT_ACTION_GROUPS: readonly AuditActionGroup[] = [
  {
    label: 'Sign-in',
    actions: [
      { action: 'auth.login', label: 'Signed in' },
      { action: 'auth.login_failed', label: 'Sign-in failed' },
      { action: 'setup.first_admin', label: 'First admin set up' },
      { action: 'user.sso_linked', label: 'SSO account linked' },
    ],
  },
  {
    label: 'Users',
    actions: [
      { action: 'user.created', label: 'User added' },
      { action: 'user.updated', label: 'User changed' },
      { action: 'user.deleted', label: 'User deleted' },
    ],
  },
  {
    label: 'API keys',
    actions: [
      { action: 'api_key.created', label: 'API key created' },
      { action: 'api_key.revoked', label: 'API key revoked' },
    ],
  },
  {
    label: 'Jobs',
    actions: [
      { action: 'job.cancelled', label: 'Job cancelled' },
      { action: 'job.retried', label: 'Job retried' },
      { action: 'job.deleted', label: 'Job deleted' },
    ],
  },
];

const LABELS: ReadonlyMap<string, string> = new Map(AUDIT_ACTION_GROUPS.flatMap((g) => g.actions.map((a) => [a.action, a.label] as const)));

/** The words for a known action; null for one this console does not know yet. */
export function auditActionLabel(action: string): string | null {
  return LABELS.get(action) ?? null;
}

/** Actions that are worth a second look when scanning the log. */
export function isAlarming(action: string): boolean {
  return action === 'auth.login_failed';
}
