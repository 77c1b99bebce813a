import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { WebhooksApi } from '@atelier/console/data-access/admin';
import { DELIVERY_STATUS_LABELS, deliveryStatusClass } from './webhook-labels';

/** A webhook's latest delivery in a list row: its status, response code and when (the list's webhooks do not carry it). */
@Component({
  selector: 'atl-last-delivery',
  imports: [DatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (last(); as d) {
      <span class="chip" [class]="chip()">{{ label() }}{{ d.response_code ? ' · ' + d.response_code : '' }}</span>
      <span class="secondary">{{ d.created_at | date: 'short' }}</span>
    } @else if (latest.hasValue()) {
      None yet
    } @else if (latest.error()) {
      <span class="secondary">Unknown</span>
    }
  `,
  styleUrl: '../shared/settings.scss',
})
export class LastDelivery {
  private readonly api = inject(WebhooksApi);

  readonly webhookId = input.required<string>();

  protected readonly latest = rxResource({ params: () => this.webhookId(), stream: ({ params }) => this.api.deliveries(params, 1) });
  protected readonly last = computed(() => (this.latest.hasValue() ? (this.latest.value()[0] ?? null) : null));
  protected readonly label = computed(() => {
    const d = this.last();
    return d ? DELIVERY_STATUS_LABELS[d.status] : '';
  });
  protected readonly chip = computed(() => {
    const d = this.last();
    return d ? deliveryStatusClass(d.status) : '';
  });
}
