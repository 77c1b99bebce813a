import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import type { WebhookWithSecret } from '@atelier/contracts';
import { SecretOnce } from '../shared/secret-once.component';

export interface WebhookSecretData {
  readonly webhook: WebhookWithSecret;
  /** True after a rotation: the old secret no longer signs. */
  readonly rotated: boolean;
}

/** Shows a webhook's signing secret, the only time it is ever shown (on creation and after a rotation). */
@Component({
  selector: 'atl-webhook-secret-dialog',
  imports: [MatButtonModule, MatDialogModule, SecretOnce],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ data.rotated ? 'New signing secret' : 'Webhook added' }}</h2>
    <mat-dialog-content>
      <p class="target">{{ data.webhook.url }}</p>
      <atl-secret-once
        [secret]="data.webhook.secret"
        what="signing secret"
        testId="webhook"
        [warning]="warning"
      />
      <p class="usage">
        Your receiver checks the <code>webhook-signature</code> header of each delivery with it (Standard Webhooks: an HMAC-SHA256 of
        <code>webhook-id.webhook-timestamp.body</code>).
      </p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-flat-button type="button" mat-dialog-close data-testid="webhook-secret-done">Done</button>
    </mat-dialog-actions>
  `,
  styles: `
    .target { margin: 0 0 12px; font: var(--mat-sys-title-small); word-break: break-all; }
    .usage { margin: 16px 0 0; color: var(--mat-sys-on-surface-variant); }
  `,
})
export class WebhookSecretDialog {
  protected readonly data = inject<WebhookSecretData>(MAT_DIALOG_DATA);
  protected readonly warning = [
    "Copy this signing secret now. You won't see it again.",
    this.data.rotated ? 'Deliveries are signed with it from now on: update your receiver.' : '',
  ].join(' ').trim();
}
