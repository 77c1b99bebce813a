import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { filter, switchMap } from 'rxjs';
import type { Webhook, WebhookWithSecret } from '@atelier/contracts';
import { problemMessage } from '@atelier/console/data-access';
import { WebhooksApi } from '@atelier/console/data-access/admin';
import { confirmAction } from '@atelier/console/ui';
import { WebhookFormDialog, type WebhookFormData } from './webhook-form-dialog.component';
import { LastDelivery } from './last-delivery.component';
import { webhookEventLabel } from './webhook-labels';
import { WebhookSecretDialog, type WebhookSecretData } from './webhook-secret-dialog.component';

interface WebhookRow {
  readonly webhook: Webhook;
  readonly events: string;
}

const DIALOG_SIZE = { width: '560px', maxWidth: '94vw' } as const;

/** Settings → Webhooks: the URLs Atelier calls when jobs end; add, edit, rotate the secret, delete, see deliveries. */
@Component({
  selector: 'atl-webhooks-tab',
  imports: [DatePipe, LastDelivery, MatButtonModule, MatIconModule, MatProgressBarModule, MatTableModule, MatTooltipModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './webhooks-tab.component.html',
  styleUrl: '../shared/settings.scss',
})
export class WebhooksTab {
  private readonly api = inject(WebhooksApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  private readonly reload = signal(0);
  protected readonly webhooks = rxResource({ params: () => this.reload(), stream: () => this.api.list() });
  protected readonly loadError = computed(() => (this.webhooks.error() ? problemMessage(this.webhooks.error()) : null));
  protected readonly rows = computed<readonly WebhookRow[]>(() =>
    (this.webhooks.hasValue() ? this.webhooks.value() : []).map((webhook) => ({
      webhook,
      events: webhook.events.map(webhookEventLabel).join(', '),
    })),
  );
  protected readonly columns = ['url', 'events', 'created', 'last', 'actions'];

  protected create(): void {
    this.dialog
      .open<WebhookFormDialog, WebhookFormData, WebhookWithSecret>(WebhookFormDialog, { data: null, ...DIALOG_SIZE })
      .afterClosed()
      .pipe(filter((created): created is WebhookWithSecret => !!created))
      .subscribe((created) => {
        this.refresh();
        this.showSecret({ webhook: created, rotated: false });
      });
  }

  protected edit(webhook: Webhook): void {
    this.dialog
      .open<WebhookFormDialog, WebhookFormData, Webhook>(WebhookFormDialog, { data: webhook, ...DIALOG_SIZE })
      .afterClosed()
      .pipe(filter(Boolean))
      .subscribe(() => {
        this.snackBar.open('Webhook saved', 'Close', { duration: 4000 });
        this.refresh();
      });
  }

  protected rotate(webhook: Webhook): void {
    confirmAction(this.dialog, {
      title: 'Rotate the signing secret?',
      message: `Deliveries to ${webhook.url} are signed with a new secret from now on; the current one stops at once. Your receiver needs the new one.`,
      confirmLabel: 'Rotate',
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.api.rotateSecret(webhook.webhook_id)),
      )
      .subscribe({
        next: (rotated) => this.showSecret({ webhook: rotated, rotated: true }),
        error: (err: unknown) => this.fail('Could not rotate the secret', err),
      });
  }

  protected remove(webhook: Webhook): void {
    confirmAction(this.dialog, {
      title: 'Delete this webhook?',
      message: `Atelier stops calling ${webhook.url}, and its delivery log goes with it.`,
      confirmLabel: 'Delete',
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.api.delete(webhook.webhook_id)),
      )
      .subscribe({
        next: () => {
          this.snackBar.open('Webhook deleted', 'Close', { duration: 4000 });
          this.refresh();
        },
        error: (err: unknown) => this.fail('Could not delete the webhook', err),
      });
  }

  protected refresh(): void {
    this.reload.update((n) => n + 1);
  }

  private showSecret(data: WebhookSecretData): void {
    this.dialog.open(WebhookSecretDialog, { data, ...DIALOG_SIZE, disableClose: true });
  }

  private fail(what: string, err: unknown): void {
    this.snackBar.open(`${what}: ${problemMessage(err)}`, 'Close', { duration: 8000 });
    this.refresh();
  }
}
