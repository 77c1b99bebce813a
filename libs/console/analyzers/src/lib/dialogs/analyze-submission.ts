import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatDialogRef } from '@angular/material/dialog';
import type { Job } from '@atelier/contracts';
import { AnalyzersApi, JobsStream, problemMessage, type AnalyzeRequest } from '@atelier/console/data-access';

/**
 * Sends one analyze request as a job (async mode) for a dialog: on 202 the job goes into the
 * live store and the dialog closes at once; on an error the dialog stays open with the message.
 * Provided per dialog.
 */
@Injectable()
export class AnalyzeSubmission {
  private readonly api = inject(AnalyzersApi);
  private readonly stream = inject(JobsStream);
  private readonly dialogRef = inject<MatDialogRef<unknown, Job>>(MatDialogRef);
  private readonly destroyRef = inject(DestroyRef);

  readonly submitting = signal(false);
  readonly error = signal<string | null>(null);

  submit(request: AnalyzeRequest): void {
    if (this.submitting()) return;
    this.submitting.set(true);
    this.error.set(null);
    this.dialogRef.disableClose = true;
    this.api
      .analyze(request)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (accepted) => {
          this.stream.upsert(accepted.job);
          this.dialogRef.disableClose = false;
          this.dialogRef.close(accepted.job);
        },
        error: (err: unknown) => {
          this.submitting.set(false);
          this.dialogRef.disableClose = false;
          this.error.set(problemMessage(err));
        },
      });
  }
}
