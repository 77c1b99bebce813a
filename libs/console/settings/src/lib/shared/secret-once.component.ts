import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';

/** A secret shown the only time it ever is: the warning, the secret and a copy button. */
@Component({
  selector: 'atl-secret-once',
  imports: [MatButtonModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="warning" role="note"><mat-icon svgIcon="warning" aria-hidden="true" />{{ warning() }}</p>
    <div class="secret">
      <code [attr.data-testid]="testId() + '-secret'">{{ secret() }}</code>
      <button mat-stroked-button type="button" (click)="copy()" [attr.data-testid]="testId() + '-copy'" [attr.aria-label]="copied() ? 'Copied' : 'Copy ' + what()">
        <mat-icon [svgIcon]="copied() ? 'check' : 'content_copy'" aria-hidden="true" />{{ copied() ? 'Copied' : 'Copy' }}
      </button>
    </div>
    <span class="visually-hidden" aria-live="polite">{{ copied() ? 'The ' + what() + ' is copied to the clipboard' : '' }}</span>
  `,
  styles: `
    :host { display: block; }
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
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  `,
})
export class SecretOnce {
  private readonly clipboard = inject(Clipboard);

  readonly secret = input.required<string>();
  /** Why it must be copied now, in words. */
  readonly warning = input.required<string>();
  /** What the secret is, for the copy button's name ("key", "signing secret"). */
  readonly what = input.required<string>();
  /** Prefix of the test ids (`<prefix>-secret`, `<prefix>-copy`). */
  readonly testId = input.required<string>();

  protected readonly copied = signal(false);

  protected copy(): void {
    this.copied.set(this.clipboard.copy(this.secret()));
  }
}
