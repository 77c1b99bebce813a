import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatDialogRef } from '@angular/material/dialog';
import type { Observable } from 'rxjs';
import type { ProblemFieldError } from '@atelier/contracts';
import { problemFieldErrors, problemMessage } from '@atelier/console/data-access';

/**
 * Sends the request of a form dialog: busy meanwhile (the dialog cannot be dismissed), then closes
 * the dialog with the answer, or stays open with a message the person can act on. Provided per dialog.
 */
@Injectable()
export class DialogRequest<T> {
  private readonly dialogRef = inject<MatDialogRef<unknown, T>>(MatDialogRef);
  private readonly destroyRef = inject(DestroyRef);

  readonly busy = signal(false);
  readonly error = signal<string | null>(null);
  /** The server's errors of the fields the form shows on the field itself (left out of `error`). */
  readonly fieldErrors = signal<readonly ProblemFieldError[]>([]);

  /** `inlineFields`: the fields whose errors the form shows on the field itself. */
  run(request: Observable<T>, inlineFields: readonly string[] = []): void {
    if (this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    this.fieldErrors.set([]);
    this.dialogRef.disableClose = true;
    request.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (answer) => {
        this.dialogRef.disableClose = false;
        this.dialogRef.close(answer);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.dialogRef.disableClose = false;
        this.fieldErrors.set(problemFieldErrors(err).filter((e) => inlineFields.includes(e.field)));
        this.error.set(problemMessage(err, inlineFields));
      },
    });
  }
}
