/** Kysely types of the webhook tables (migration 009), added to the shared database type where they are used. */
import type { AtelierDb } from '@atelier/persistence';

export interface WebhooksTable {
  webhook_id: string;
  owner: string;
  url: string;
  /** JSON array of event names. */
  events: string;
  description: string | null;
  /** `whsec_…`, kept as is: it must be recoverable to sign. */
  secret: string;
  /** 1 enabled, 0 disabled. */
  enabled: number;
  created_at: string;
  updated_at: string;
}

export interface WebhookDeliveriesTable {
  delivery_id: string;
  /** The webhook's id, or CALLBACK_WEBHOOK_ID for a request's callback_url. */
  webhook_id: string;
  /** Whose delivery it is: the webhook's owner, or the job's for a callback. */
  owner: string;
  job_id: string;
  event: string;
  /** The job's finished_at for this event: a job retried and ended again makes a new delivery. */
  occurred_at: string;
  /** Where a callback goes (null for a webhook: its current URL). */
  target_url: string | null;
  /** The body sent on every attempt (JSON). */
  payload: string;
  status: string;
  attempts: number;
  response_code: number | null;
  latency_ms: number | null;
  last_error: string | null;
  /** The deliver_webhook job of the current attempt series; null until one is created. */
  dispatch_job_id: string | null;
  /** When a process took on creating that job (a claim that lapses if the process died). */
  dispatch_claimed_at: string;
  created_at: string;
  updated_at: string;
}

export interface WebhookCallbackSecretsTable {
  user_id: string;
  secret: string;
  created_at: string;
}

export interface WebhookOutboxCursorTable {
  name: string;
  /** finished_at (ISO 8601) up to which finished jobs have been turned into deliveries. */
  position: string;
  updated_at: string;
}

// A type alias, not an interface: withTables() needs an index-compatible record.
export type WebhookTables = {
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_callback_secrets: WebhookCallbackSecretsTable;
  webhook_outbox_cursor: WebhookOutboxCursorTable;
};

export function webhookDb(db: AtelierDb) {
  return db.withTables<WebhookTables>();
}

export type WebhookDb = ReturnType<typeof webhookDb>;

/** `webhook_id` of the deliveries made for a request's callback_url. */
export const CALLBACK_WEBHOOK_ID = 'callback';
