/** Wire types of webhooks (`/api/webhooks`) and of the deliveries they make (Standard Webhooks). */
import type { Job } from './job';

/** The job events a webhook may subscribe to: a job's final events. */
export const WEBHOOK_EVENTS = ['job.completed', 'job.failed', 'job.cancelled'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export function isWebhookEvent(value: string): value is WebhookEvent {
  return (WEBHOOK_EVENTS as readonly string[]).includes(value);
}

export interface Webhook {
  webhook_id: string;
  url: string;
  events: WebhookEvent[];
  description: string | null;
  /** A disabled webhook keeps its log but gets no new deliveries. */
  enabled: boolean;
  /** users.user_id of who made it: it receives events of the jobs this user may see. */
  owner: string;
  created_at: string;
  updated_at: string;
}

/** The answer to creating a webhook or rotating its secret: the only time `secret` is shown. */
export interface WebhookWithSecret extends Webhook {
  /** `whsec_` + base64 of 24 random bytes (Standard Webhooks). */
  secret: string;
}

export interface WebhookList {
  webhooks: Webhook[];
  next_cursor: string | null;
}

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One event sent (or being sent) to one webhook: every attempt shares its `delivery_id`, the `webhook-id` header. */
export interface WebhookDelivery {
  delivery_id: string;
  webhook_id: string;
  job_id: string;
  event: WebhookEvent;
  status: DeliveryStatus;
  attempts: number;
  /** HTTP status of the last attempt; null when it got no answer (timeout, refused connection). */
  response_code: number | null;
  latency_ms: number | null;
  /** Why the last attempt failed, in words; null after a success. */
  last_error: string | null;
  /** When the next attempt runs, while one is scheduled. */
  next_attempt_at: string | null;
  /** The deliver_webhook job running the current attempt series. */
  delivery_job_id: string | null;
  created_at: string;
}

export interface WebhookDeliveryList {
  deliveries: WebhookDelivery[];
  next_cursor: string | null;
}

/** The body of every delivery. */
export interface WebhookPayload {
  type: WebhookEvent;
  /** When the event happened (the job's finished_at). */
  timestamp: string;
  data: Job;
}

/** `GET /api/webhooks/callback-secret`: the secret that signs this user's `callback_url` deliveries. */
export interface CallbackSecret {
  secret: string;
  created_at: string;
}
