/** How webhooks and their deliveries read in the console. */
import type { DeliveryStatus } from '@atelier/contracts';

const EVENT_LABELS: Readonly<Record<string, string>> = {
  'job.created': 'Job created',
  'job.completed': 'Job completed',
  'job.failed': 'Job failed',
  'job.cancelled': 'Job cancelled',
};

/** "Job completed" for `job.completed`; an event this console does not know reads as its wire name. */
export function webhookEventLabel(event: string): string {
  return EVENT_LABELS[event] ?? event;
}

export const DELIVERY_STATUS_LABELS: Readonly<Record<DeliveryStatus, string>> = {
  pending: 'Pending',
  succeeded: 'Delivered',
  failed: 'Failed',
};

/** The chip class of a delivery status (settings.scss: ok, off, or the neutral one). */
export function deliveryStatusClass(status: DeliveryStatus): string {
  return status === 'succeeded' ? 'ok' : status === 'failed' ? 'off' : 'wait';
}
