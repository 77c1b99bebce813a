import type { Webhook, WebhookDelivery } from '@atelier/contracts';

let sequence = 0;

/** A valid webhook as lists show it (no secret); tests override only what they name. */
export function makeWebhook(overrides: Partial<Webhook> = {}): Webhook {
  sequence += 1;
  return {
    webhook_id: `00000000-0000-7000-b000-${String(sequence).padStart(12, '0')}`,
    url: `https://hooks.example.com/atelier/${sequence}`,
    events: ['job.completed', 'job.failed'],
    description: null,
    enabled: true,
    owner: '00000000-0000-7000-9000-000000000001',
    created_at: new Date(Date.UTC(2025, 0, 1, 11, 0, sequence)).toISOString(),
    updated_at: new Date(Date.UTC(2025, 0, 1, 11, 0, sequence)).toISOString(),
    ...overrides,
  };
}

/** A valid delivery of a webhook; tests override only what they name. */
export function makeDelivery(overrides: Partial<WebhookDelivery> = {}): WebhookDelivery {
  sequence += 1;
  return {
    delivery_id: `00000000-0000-7000-c000-${String(sequence).padStart(12, '0')}`,
    webhook_id: '00000000-0000-7000-b000-000000000001',
    job_id: `00000000-0000-7000-8000-${String(sequence).padStart(12, '0')}`,
    event: 'job.completed',
    status: 'succeeded',
    attempts: 1,
    response_code: 200,
    latency_ms: 42,
    last_error: null,
    next_attempt_at: null,
    delivery_job_id: null,
    created_at: new Date(Date.UTC(2025, 0, 1, 11, 30, sequence)).toISOString(),
    ...overrides,
  };
}
