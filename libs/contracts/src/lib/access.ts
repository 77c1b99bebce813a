/** Roles, from least to most: a member sees its own work; an operator sees everyone's; an admin also manages users and keys. */
export const ROLES = ['member', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  user_id: string;
  email: string;
  name: string;
  role: Role;
  created_at: string;
  disabled: boolean;
}

export interface UserList {
  users: User[];
}

export interface ApiKey {
  api_key_id: string;
  name: string;
  role: Role;
  /** The first characters of the key, to recognise it in a list. */
  prefix: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  /** The user it acts as. */
  user_id: string;
}

/** The answer to creating a key: the only time `key` is ever shown. */
export interface CreatedApiKey extends ApiKey {
  key: string;
}

export interface ApiKeyList {
  api_keys: ApiKey[];
}

export interface LoginResponse {
  user: User;
}

export interface SetupStatus {
  needed: boolean;
  /** Whether "Sign in with SSO" is offered. */
  sso?: boolean;
}

export interface AuditEntry {
  audit_id: string;
  at: string;
  actor: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  detail: Record<string, unknown>;
}

export interface AuditList {
  audit: AuditEntry[];
  next_cursor: string | null;
}
