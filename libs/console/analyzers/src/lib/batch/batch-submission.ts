import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatDialogRef } from '@angular/material/dialog';
import type { ProblemFieldError } from '@atelier/contracts';
import { JobsStream, problemFieldErrors } from '@atelier/console/data-access';
import { BatchesApi, type BatchRequest } from '@atelier/console/data-access/admin';
import type { Job } from '@atelier/contracts';
import { batchFailureMessage } from './batch-failure';

/**
 * Sends a batch for the "Analyze many" dialog: the upload's progress meanwhile; on 202 the batch
 * goes into the live store and the dialog closes at once (the task manager takes over); on a
 * refusal the dialog stays open with the selection and the server's words. Provided per dialog.
 */
@Injectable()
export class BatchSubmission {
  private readonly api = inject(BatchesApi);
  private readonly stream = inject(JobsStream);
  private readonly dialogRef = inject<MatDialogRef<unknown, Job>>(MatDialogRef);
  private readonly destroyRef = inject(DestroyRef);

  readonly submitting = signal(false);
  /** Share of the upload sent (0–1), null before the first report or when the size is unknown. */
  readonly sent = signal<number | null>(null);
  readonly error = signal<string | null>(null);
  /** The server's errors about single files, to mark them in the list. */
  readonly fileErrors = signal<readonly ProblemFieldError[]>([]);

  submit(request: BatchRequest): void {
    if (this.submitting()) return;
    this.submitting.set(true);
    this.sent.set(null);
    this.error.set(null);
    this.fileErrors.set([]);
    this.dialogRef.disableClose = true;
    this.api
      .create(request)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (event) => {
          if (event.kind === 'progress') {
            this.sent.set(event.total ? event.sent / event.total : null);
            return;
          }
          this.stream.upsert(event.accepted.job);
          this.dialogRef.disableClose = false;
          this.dialogRef.close(event.accepted.job);
        },
        error: (err: unknown) => {
          this.submitting.set(false);
          this.sent.set(null);
          this.dialogRef.disableClose = false;
          this.error.set(batchFailureMessage(err));
          this.fileErrors.set(problemFieldErrors(err));
        },
      });
  }
}
