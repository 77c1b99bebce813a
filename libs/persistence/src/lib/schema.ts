/** Kysely table types. Times are ISO-8601 UTC text and JSON is text, so SQLite and PostgreSQL store the same. */
import type { Generated, Kysely } from 'kysely';

export interface JobsTable {
  id: string;
  type: string;
  status: string;
  title: string;
  progress: number;
  current_step: number;
  total_steps: number;
  step_label: string | null;
  parent_id: string | null;
  /** JSON array; children are created with their parent and never change. */
  child_ids: string;
  /** JSON array; fixed at creation (job_dependencies holds the same pairs for look-ups). */
  depends_on: string;
  priority: number;
  attempts: number;
  max_attempts: number;
  input: string;
  result: string | null;
  error: string | null;
  metadata: string;
  owner: string | null;
  run_at: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
  /** The process running the job (workers.worker_id), while it runs. */
  worker_id: string | null;
}

/** A process that runs jobs; its heartbeat is `last_seen_at`. */
export interface WorkersTable {
  worker_id: string;
  host: string;
  pid: number;
  role: string;
  concurrency: number;
  version: string;
  started_at: string;
  last_seen_at: string;
}

export interface JobDependenciesTable {
  job_id: string;
  depends_on_id: string;
}

export interface BlobsTable {
  sha256: string;
  mime_type: string;
  byte_size: number;
  /** Bytes, when the blob lives in the database (distributed mode); null when on disk. */
  data: Buffer | null;
  created_at: string;
}

export interface ImagesTable {
  /** The sha256 of the original bytes: the same image uploaded twice is one image. */
  image_id: string;
  /** Blob of the original upload. */
  sha256: string;
  mime_type: string;
  /** Displayed dimensions of the original (EXIF orientation applied). */
  width: number;
  height: number;
  byte_size: number;
  /** Blob of the copy models see: oriented, metadata stripped, at most 2048 px. */
  normalized_sha256: string;
  /** Blob of the 256 px WebP thumbnail, once the generate_thumbnail job made it. */
  thumbnail_sha256: string | null;
  created_at: string;
}

export interface PresetsTable {
  preset_id: string;
  category: string;
  name: string;
  data: string;
  source_image_id: string | null;
  job_id: string | null;
  provider: string;
  model: string;
  created_at: string;
  /** users.user_id of who made it (null only for rows from before access control). */
  owner: string | null;
}

export interface UsersTable {
  user_id: string;
  /** Lower-cased. */
  email: string;
  name: string;
  role: string;
  /** argon2id; null for users who sign in only through SSO. */
  password_hash: string | null;
  oidc_subject: string | null;
  disabled: number;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's random value: a leaked table opens no session. */
  session_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiKeysTable {
  api_key_id: string;
  user_id: string;
  name: string;
  role: string;
  prefix: string;
  key_hash: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
}

export interface LoginFailuresTable {
  /** `account:<email>` or `ip:<address>`. */
  subject: string;
  failures: number;
  first_at: string;
  last_at: string;
}

export interface AuditLogTable {
  audit_id: string;
  at: string;
  actor: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  /** JSON object. */
  detail: string;
}

export interface RateCountersTable {
  key: string;
  /** Start of the minute counted, in minutes since the epoch. */
  window: string | number;
  count: number;
}

export interface ModelCallLeasesTable {
  lease_id: string;
  /** Epoch milliseconds after which the lease no longer counts (a node that died mid-call). */
  expires_at: string | number;
}

export interface AccessSettingsTable {
  key: string;
  value: string;
}

export interface ImageOwnersTable {
  image_id: string;
  owner: string;
}

/** PostgreSQL only (QUEUE_BACKEND=postgres): the job events every node reads; the id is the stream cursor. */
export interface JobEventsTable {
  /** bigserial, read as text. */
  id: Generated<string>;
  job_id: string;
  /** The event as JSON, without its id. */
  body: string;
}

/** One entry of a job's timeline; deleted with the job. */
export interface JobTimelineTable {
  /** Autoincrement (bigserial on PostgreSQL, read as text there): the order of a job's entries. */
  id: Generated<number | string>;
  job_id: string;
  at: string;
  kind: string;
  attempt: number;
  /** JSON object. */
  detail: string;
  /** users.user_id of who caused it, or null for the engine. */
  actor: string | null;
}

/** A job type's queue as an operator left it; no row means running. */
export interface QueueStatesTable {
  type: string;
  /** 1 paused, 0 running. */
  paused: number;
  changed_at: string;
  changed_by: string | null;
}

/** A job a user dismissed from their task panel (every tab of theirs hides it). */
export interface JobDismissalsTable {
  user_id: string;
  job_id: string;
  at: string;
}

/** An Idempotency-Key a user sent on a job-creating request, and the first answer to it. */
export interface IdempotencyKeysTable {
  user_id: string;
  idempotency_key: string;
  /** SHA-256 of the request (method, path, query, body fields and files): the same key on another request is refused. */
  fingerprint: string;
  /** in_progress while the first request runs; done once its answer is stored. */
  state: string;
  /** Which request holds the key: only it may store its answer or release the key. */
  claim_id: string;
  status: number | null;
  /** JSON object of the answer's headers replays repeat (Content-Type, Location). */
  headers: string | null;
  body: Buffer | null;
  created_at: string;
}

/** The search text of a job (migration 011): kept by triggers, read by `q` on the job list. */
export interface JobSearchTable {
  job_id: string;
  body: string;
}

export interface AtelierTables {
  jobs: JobsTable;
  job_dependencies: JobDependenciesTable;
  blobs: BlobsTable;
  images: ImagesTable;
  presets: PresetsTable;
  job_events: JobEventsTable;
  workers: WorkersTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  login_failures: LoginFailuresTable;
  audit_log: AuditLogTable;
  access_settings: AccessSettingsTable;
  rate_counters: RateCountersTable;
  model_call_leases: ModelCallLeasesTable;
  image_owners: ImageOwnersTable;
  job_timeline: JobTimelineTable;
  queue_states: QueueStatesTable;
  job_dismissals: JobDismissalsTable;
  idempotency_keys: IdempotencyKeysTable;
  job_search: JobSearchTable;
}

export type AtelierDb = Kysely<AtelierTables>;
export type SqlDialectName = 'sqlite' | 'postgres';

/** Injection token of the Kysely instance. */
export const ATELIER_DB = Symbol('ATELIER_DB');
/** Injection token of the dialect name, for the few places that must know it. */
export const SQL_DIALECT = Symbol('SQL_DIALECT');
