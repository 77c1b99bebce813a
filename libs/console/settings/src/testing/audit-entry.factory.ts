import type { AuditEntry } from '@atelier/contracts';

let sequence = 0;

/** A valid audit entry (a sign-in from the loopback); tests override only what they name. */
export function makeAuditEntry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  sequence += 1;
  return {
    audit_id: `00000000-0000-7000-b000-${String(sequence).padStart(12, '0')}`,
    at: new Date(Date.UTC(2025, 0, 2, 9, 0, sequence)).toISOString(),
    actor: null,
    action: 'auth.login',
    target: null,
    ip: '127.0.0.1',
    detail: {},
    ...overrides,
  };
}
