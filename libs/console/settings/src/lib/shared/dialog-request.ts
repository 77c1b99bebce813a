import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatDialogRef } from '@angular/material/dialog';
import type { Observable } from 'rxjs';
import { problemMessage } from '@atelier/console/data-access';

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

  run(request: Observable<T>): void {
    if (this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    this.dialogRef.disableClose = true;
    request.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (answer) => {
        this.dialogRef.disableClose = false;
        this.dialogRef.close(answer);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.dialogRef.disableClose = false;
        this.error.set(problemMessage(err));
      },
    });
  }
}
