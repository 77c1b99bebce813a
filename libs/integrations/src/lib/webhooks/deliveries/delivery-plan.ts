/** Which deliveries one ended job makes: pure, so the rules read (and test) in one place. */
import type { Job, JobType, Role, WebhookEvent, WebhookPayload } from '@atelier/contracts';
import { roleAtLeast, uuidv7 } from '@atelier/platform';
import { CALLBACK_WEBHOOK_ID } from '../webhook-tables';
import { CALLBACK_METADATA_KEY } from '../callbacks/callback-urls';
import type { WebhookRecord } from '../webhooks.store';
import type { NewDelivery } from './deliveries.store';

/** Jobs the system makes for itself are never announced (a delivery announcing deliveries would never end). */
const UNANNOUNCED_TYPES: readonly JobType[] = ['deliver_webhook', 'generate_thumbnail'];

const EVENT_OF_STATUS: Partial<Record<Job['status'], WebhookEvent>> = { completed: 'job.completed', failed: 'job.failed', cancelled: 'job.cancelled' };

export type Subscriber = WebhookRecord & { ownerRole: string | null };

/** The final event of an ended job, or undefined for a job that did not end or is never announced. */
export function finalEventOf(job: Job): WebhookEvent | undefined {
  if (UNANNOUNCED_TYPES.includes(job.type) || !job.finished_at) return undefined;
  return EVENT_OF_STATUS[job.status];
}

/** The callback_url a request gave its job (kept in the job's metadata), if any. */
export function callbackUrlOf(job: Job): string | undefined {
  const url = job.metadata?.[CALLBACK_METADATA_KEY];
  return typeof url === 'string' && url ? url : undefined;
}

/**
 * A webhook receives the events of the jobs its owner may see now (a member: its own; an operator
 * or admin: every job; a disabled or deleted owner: none), from its creation on.
 */
export function receives(webhook: Subscriber, job: Job): boolean {
  if (!webhook.ownerRole || Date.parse(webhook.created_at) > Date.parse(job.finished_at!)) return false;
  return roleAtLeast(webhook.ownerRole as Role, 'operator') || job.owner === webhook.owner;
}

export function deliveriesFor(job: Job, subscribers: readonly Subscriber[]): NewDelivery[] {
  const event = finalEventOf(job);
  if (!event) return [];
  const payload: WebhookPayload = { type: event, timestamp: job.finished_at!, data: job };
  const base = { job_id: job.job_id, event, occurred_at: job.finished_at!, payload: JSON.stringify(payload) };
  const planned: NewDelivery[] = subscribers
    .filter((w) => w.events.includes(event) && receives(w, job))
    .map((w) => ({ ...base, delivery_id: uuidv7(), webhook_id: w.webhook_id, owner: w.owner, target_url: null }));
  const callback = callbackUrlOf(job);
  if (callback && job.owner) planned.push({ ...base, delivery_id: uuidv7(), webhook_id: CALLBACK_WEBHOOK_ID, owner: job.owner, target_url: callback });
  return planned;
}
