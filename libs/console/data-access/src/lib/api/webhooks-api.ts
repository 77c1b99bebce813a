import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { map, type Observable } from 'rxjs';
import { API_BASE_URL } from './api-base-url';

/** The job events a webhook can subscribe to: a job's final events. */
export const WEBHOOK_EVENTS = ['job.completed', 'job.failed', 'job.cancelled'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'failed';

/** A webhook subscription as lists show it (never with its secret). */
export interface Webhook {
  webhook_id: string;
  url: string;
  events: string[];
  description: string | null;
  created_at: string;
  updated_at?: string;
  /** The latest delivery, when the server tells it. */
  last_delivery?: { status: WebhookDeliveryStatus; response_code: number | null; created_at: string } | null;
}

/** The answers of create and rotate: the only times the secret is shown. */
export interface WebhookWithSecret extends Webhook {
  secret: string;
}

export interface WebhookDelivery {
  delivery_id: string;
  webhook_id: string;
  job_id: string | null;
  event: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  response_code: number | null;
  latency_ms: number | null;
  next_attempt_at: string | null;
  created_at: string;
}

export interface CreateWebhookRequest {
  url: string;
  events: readonly string[];
  description?: string;
}

export type UpdateWebhookRequest = Partial<Pick<CreateWebhookRequest, 'events' | 'description'>>;

/** Typed client of the webhook routes: subscriptions, their secret, their delivery log. */
@Injectable({ providedIn: 'root' })
export class WebhooksApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${inject(API_BASE_URL)}/webhooks`;

  list(): Observable<Webhook[]> {
    return this.http.get<{ webhooks: Webhook[] }>(this.base).pipe(map((r) => r.webhooks));
  }

  get(webhookId: string): Observable<Webhook> {
    return this.http.get<Webhook>(this.url(webhookId));
  }

  /** The answer is the only time the new webhook's secret is shown. */
  create(request: CreateWebhookRequest): Observable<WebhookWithSecret> {
    return this.http.post<WebhookWithSecret>(this.base, request);
  }

  update(webhookId: string, patch: UpdateWebhookRequest): Observable<Webhook> {
    return this.http.patch<Webhook>(this.url(webhookId), patch);
  }

  delete(webhookId: string): Observable<void> {
    return this.http.delete<void>(this.url(webhookId));
  }

  /** A new secret replaces the old one at once; the answer is the only time it is shown. */
  rotateSecret(webhookId: string): Observable<WebhookWithSecret> {
    return this.http.post<WebhookWithSecret>(`${this.url(webhookId)}/rotate-secret`, {});
  }

  deliveries(webhookId: string, limit = 50): Observable<WebhookDelivery[]> {
    const params = new HttpParams().set('limit', limit);
    return this.http.get<{ deliveries: WebhookDelivery[] }>(`${this.url(webhookId)}/deliveries`, { params }).pipe(map((r) => r.deliveries));
  }

  /** Sends the delivery again (same `webhook-id`), as a new attempt. */
  redeliver(webhookId: string, deliveryId: string): Observable<WebhookDelivery> {
    return this.http.post<WebhookDelivery>(`${this.url(webhookId)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`, {});
  }

  private url(webhookId: string): string {
    return `${this.base}/${encodeURIComponent(webhookId)}`;
  }
}
