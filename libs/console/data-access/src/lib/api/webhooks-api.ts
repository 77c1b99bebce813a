import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { map, type Observable } from 'rxjs';
import type { Webhook, WebhookDelivery, WebhookDeliveryList, WebhookEvent, WebhookList, WebhookWithSecret } from '@atelier/contracts';
import { API_BASE_URL } from './api-base-url';

export interface CreateWebhookRequest {
  url: string;
  events: readonly WebhookEvent[];
  description?: string;
}

export interface UpdateWebhookRequest {
  events?: readonly WebhookEvent[];
  description?: string | null;
  /** false: no new deliveries; the log is kept. */
  enabled?: boolean;
}

/** Typed client of the webhook routes: subscriptions, their secret, their delivery log. */
@Injectable({ providedIn: 'root' })
export class WebhooksApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${inject(API_BASE_URL)}/webhooks`;

  list(): Observable<Webhook[]> {
    return this.http.get<WebhookList>(this.base).pipe(map((r) => r.webhooks));
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
    return this.http.get<WebhookDeliveryList>(`${this.url(webhookId)}/deliveries`, { params }).pipe(map((r) => r.deliveries));
  }

  /** Sends the delivery again (same `webhook-id`), as a new attempt. */
  redeliver(webhookId: string, deliveryId: string): Observable<WebhookDelivery> {
    return this.http.post<WebhookDelivery>(`${this.url(webhookId)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`, {});
  }

  private url(webhookId: string): string {
    return `${this.base}/${encodeURIComponent(webhookId)}`;
  }
}
