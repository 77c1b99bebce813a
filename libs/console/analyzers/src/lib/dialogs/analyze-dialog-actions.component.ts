import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';

/** The foot every analyzer dialog shares: a progress bar while sending, Cancel, and Analyze (its label projected). */
@Component({
  selector: 'atl-analyze-dialog-actions',
  imports: [MatDialogModule, MatButtonModule, MatProgressBarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { style: 'display: contents' },
  template: `
    @if (submitting()) {
      <mat-progress-bar mode="indeterminate" aria-label="Sending the image" />
    }
    <mat-dialog-actions align="end">
      <button mat-button mat-dialog-close type="button" [disabled]="submitting()">Cancel</button>
      <button mat-flat-button type="button" (click)="analyze.emit()" [disabled]="!ready() || submitting()"><ng-content /></button>
    </mat-dialog-actions>
  `,
})
export class AnalyzeDialogActions {
  readonly submitting = input.required<boolean>();
  /** Whether the form holds what a submission needs. */
  readonly ready = input.required<boolean>();
  readonly analyze = output<void>();
}
