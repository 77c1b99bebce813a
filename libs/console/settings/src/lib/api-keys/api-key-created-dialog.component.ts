import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import type { CreatedApiKey } from '@atelier/contracts';
import { SecretOnce } from '../shared/secret-once.component';

/** Shows a new key's secret, the only time it is ever shown, with a copy button. */
@Component({
  selector: 'atl-api-key-created-dialog',
  imports: [MatButtonModule, MatDialogModule, SecretOnce],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>API key “{{ key.name }}” created</h2>
    <mat-dialog-content>
      <atl-secret-once [secret]="key.key" what="key" testId="api-key" warning="Copy this key now. You won't see it again: Atelier keeps only a hash of it." />
      <p class="usage">Send it as <code>Authorization: Bearer {{ key.prefix }}…</code> on each request.</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-flat-button type="button" mat-dialog-close data-testid="api-key-done">Done</button>
    </mat-dialog-actions>
  `,
  styles: `
    .usage { margin: 16px 0 0; color: var(--mat-sys-on-surface-variant); }
  `,
})
export class ApiKeyCreatedDialog {
  protected readonly key = inject<CreatedApiKey>(MAT_DIALOG_DATA);
}
