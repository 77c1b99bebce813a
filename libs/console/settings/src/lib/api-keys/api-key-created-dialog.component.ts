import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import type { CreatedApiKey } from '@atelier/contracts';

/** Shows a new key's secret, the only time it is ever shown, with a copy button. */
@Component({
  selector: 'atl-api-key-created-dialog',
  imports: [MatButtonModule, MatDialogModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>API key “{{ key.name }}” created</h2>
    <mat-dialog-content>
      <p class="warning" role="note"><mat-icon svgIcon="warning" aria-hidden="true" />Copy this key now. You won't see it again: Atelier keeps only a hash of it.</p>
      <div class="secret">
        <code data-testid="api-key-secret">{{ key.key }}</code>
        <button mat-stroked-button type="button" (click)="copy()" data-testid="api-key-copy">
          <mat-icon [svgIcon]="copied() ? 'check' : 'content_copy'" aria-hidden="true" />{{ copied() ? 'Copied' : 'Copy' }}
        </button>
      </div>
      <p class="usage">Send it as <code>Authorization: Bearer {{ key.prefix }}…</code> on each request.</p>
      <span class="visually-hidden" aria-live="polite">{{ copied() ? 'Key copied to the clipboard' : '' }}</span>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-flat-button type="button" mat-dialog-close data-testid="api-key-done">Done</button>
    </mat-dialog-actions>
  `,
  styles: `
    .warning {
      display: flex;
      gap: 8px;
      align-items: flex-start;
      margin: 0 0 16px;
      padding: 10px 14px;
      border-radius: 12px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .warning mat-icon { flex: none; }
    .secret { display: flex; flex-wrap: wrap; align-items: center; gap: 12px; }
    .secret code {
      flex: 1 1 260px;
      padding: 10px 12px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container-highest);
      word-break: break-all;
      user-select: all;
    }
    .usage { margin: 16px 0 0; color: var(--mat-sys-on-surface-variant); }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  `,
})
export class ApiKeyCreatedDialog {
  private readonly clipboard = inject(Clipboard);
  protected readonly key = inject<CreatedApiKey>(MAT_DIALOG_DATA);
  protected readonly copied = signal(false);

  protected copy(): void {
    this.copied.set(this.clipboard.copy(this.key.key));
  }
}
