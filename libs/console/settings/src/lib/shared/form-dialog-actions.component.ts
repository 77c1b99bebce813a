import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';

/**
 * The foot every settings form dialog shares: why the request failed, a progress bar while it
 * runs, Cancel, and the submit button of the form named `form` (its label projected).
 */
@Component({
  selector: 'atl-form-dialog-actions',
  imports: [MatButtonModule, MatDialogModule, MatProgressBarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { style: 'display: contents' },
  template: `
    @if (error(); as message) {
      <p class="error" role="alert" data-testid="dialog-error">{{ message }}</p>
    }
    @if (busy()) {
      <mat-progress-bar mode="indeterminate" aria-label="Sending" />
    }
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close [disabled]="busy()">Cancel</button>
      <button mat-flat-button type="submit" [attr.form]="form()" [disabled]="busy()" [attr.data-testid]="submitTestId()"><ng-content /></button>
    </mat-dialog-actions>
  `,
  styles: `
    .error { margin: 0 24px 8px; padding: 10px 14px; border-radius: 12px; background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
  `,
})
export class FormDialogActions {
  /** The id of the form the submit button submits. */
  readonly form = input.required<string>();
  readonly busy = input.required<boolean>();
  readonly error = input.required<string | null>();
  readonly submitTestId = input<string | null>(null);
}
