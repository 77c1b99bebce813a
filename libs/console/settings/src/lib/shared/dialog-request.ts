import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatDialogRef } from '@angular/material/dialog';
import type { Observable } from 'rxjs';
import type { ProblemFieldError } from '@atelier/contracts';
import { problemFieldErrors, problemMessage } from '@atelier/console/data-access';

/** Which refusals a form shows on its fields: by field name, and whole problems by their code (on one field). */
export interface InlineErrors {
  readonly fields: readonly string[];
  /** problem `code` → the field whose trouble it is (e.g. an SSRF refusal → `url`). */
  readonly codes?: Readonly<Record<string, string>>;
}

/** The errors a refusal puts on the form's fields, and what is left to say above the buttons (null: nothing). */
export function splitRefusal(err: unknown, inline: InlineErrors): { fields: ProblemFieldError[]; rest: string | null } {
  const code = (err as { error?: { code?: unknown } } | null)?.error?.code;
  const codeField = typeof code === 'string' ? inline.codes?.[code] : undefined;
  if (codeField) return { fields: [{ field: codeField, message: problemMessage(err) }], rest: null };
  const all = problemFieldErrors(err);
  const fields = all.filter((e) => inline.fields.includes(e.field));
  // The detail of a refusal made of field errors repeats them: said on the fields, it need not be said again.
  if (fields.length && fields.length === all.length) return { fields, rest: null };
  return { fields, rest: problemMessage(err, inline.fields) };
}

/**
 * Sends the request of a form dialog: busy meanwhile (the dialog cannot be dismissed), then closes
 * the dialog with the answer, or stays open with a message the person can act on (on the field it
 * is about, when the form names its fields). Provided per dialog.
 */
@Injectable()
export class DialogRequest<T> {
  private readonly dialogRef = inject<MatDialogRef<unknown, T>>(MatDialogRef);
  private readonly destroyRef = inject(DestroyRef);

  readonly busy = signal(false);
  readonly error = signal<string | null>(null);
  /** The server's errors of the fields the form shows on the field itself (left out of `error`). */
  readonly fieldErrors = signal<readonly ProblemFieldError[]>([]);

  run(request: Observable<T>, inline: InlineErrors = { fields: [] }): void {
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
        const { fields, rest } = splitRefusal(err, inline);
        this.fieldErrors.set(fields);
        this.error.set(rest);
      },
    });
  }
}
