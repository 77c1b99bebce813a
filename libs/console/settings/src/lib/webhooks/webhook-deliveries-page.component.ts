import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { problemMessage } from '@atelier/console/data-access';
import type { WebhookDelivery } from '@atelier/contracts';
import { WebhooksApi } from '@atelier/console/data-access/admin';
import { DELIVERY_STATUS_LABELS, deliveryStatusClass, webhookEventLabel } from './webhook-labels';

/** While a delivery is pending, the log is read again this often. */
const PENDING_REFRESH_MS = 5_000;

/** One webhook's delivery log, newest first: what was sent, how it was answered, and Redeliver. */
@Component({
  selector: 'atl-webhook-deliveries-page',
  imports: [DatePipe, MatButtonModule, MatIconModule, MatProgressBarModule, MatTableModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './webhook-deliveries-page.component.html',
  styleUrl: '../shared/settings.scss',
})
export class WebhookDeliveriesPage {
  private readonly api = inject(WebhooksApi);
  private readonly snackBar = inject(MatSnackBar);

  /** From the route (`/settings/webhooks/:webhookId`). */
  readonly webhookId = input.required<string>();

  private readonly reload = signal(0);
  protected readonly webhook = rxResource({ params: () => this.webhookId(), stream: ({ params }) => this.api.get(params) });
  protected readonly deliveries = rxResource({
    params: () => ({ id: this.webhookId(), n: this.reload() }),
    stream: ({ params }) => this.api.deliveries(params.id),
  });
  protected readonly redelivering = signal<ReadonlySet<string>>(new Set());
  protected readonly loadError = computed(() => {
    const error = this.webhook.error() ?? this.deliveries.error();
    return error ? problemMessage(error) : null;
  });
  protected readonly rows = computed(() => (this.deliveries.hasValue() ? this.deliveries.value() : []));
  protected readonly columns = ['event', 'job', 'status', 'attempts', 'code', 'latency', 'next', 'created', 'actions'];
  protected readonly eventLabel = webhookEventLabel;
  protected readonly statusClass = deliveryStatusClass;

  constructor() {
    // Pending deliveries change on their own (retries with backoff): the log follows them while any is pending.
    const timer = setInterval(() => {
      if (!this.deliveries.isLoading() && this.rows().some((d) => d.status === 'pending')) this.refresh();
    }, PENDING_REFRESH_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  protected refresh(): void {
    this.reload.update((n) => n + 1);
  }

  protected redeliver(delivery: WebhookDelivery): void {
    if (this.redelivering().has(delivery.delivery_id)) return;
    this.mark(delivery.delivery_id, true);
    this.api.redeliver(this.webhookId(), delivery.delivery_id).subscribe({
      next: () => {
        this.mark(delivery.delivery_id, false);
        this.snackBar.open('Sent again', 'Close', { duration: 4000 });
        this.refresh();
      },
      error: (err: unknown) => {
        this.mark(delivery.delivery_id, false);
        this.snackBar.open(`Could not redeliver: ${problemMessage(err)}`, 'Close', { duration: 8000 });
      },
    });
  }

  protected statusLabel(status: WebhookDelivery['status']): string {
    return DELIVERY_STATUS_LABELS[status];
  }

  protected latency(ms: number | null): string {
    if (ms === null) return '—';
    return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
  }

  private mark(id: string, busy: boolean): void {
    const next = new Set(this.redelivering());
    if (busy) next.add(id);
    else next.delete(id);
    this.redelivering.set(next);
  }
}
