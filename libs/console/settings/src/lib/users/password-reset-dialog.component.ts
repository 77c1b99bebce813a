import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { User } from '@atelier/contracts';
import { MIN_PASSWORD_LENGTH, UsersApi } from '@atelier/console/data-access';
import { DialogRequest } from '../shared/dialog-request';
import { FormDialogActions } from '../shared/form-dialog-actions.component';

/** An admin sets a new password for a user; closes with the updated user. */
@Component({
  selector: 'atl-password-reset-dialog',
  imports: [ReactiveFormsModule, FormDialogActions, MatDialogModule, MatFormFieldModule, MatInputModule],
  providers: [DialogRequest],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Reset password</h2>
    <mat-dialog-content>
      <p>A new password for {{ user.name || user.email }} ({{ user.email }}).</p>
      <form id="password-form" [formGroup]="form" (ngSubmit)="save()" novalidate>
        <mat-form-field appearance="outline">
          <mat-label>New password</mat-label>
          <input matInput type="password" formControlName="password" autocomplete="new-password" required data-testid="reset-password" />
          <mat-hint>At least {{ minPassword }} characters</mat-hint>
          @if (form.controls.password.hasError('required')) {
            <mat-error>Choose a password.</mat-error>
          } @else if (form.controls.password.hasError('minlength')) {
            <mat-error>At least {{ minPassword }} characters.</mat-error>
          }
        </mat-form-field>
      </form>
    </mat-dialog-content>
    <atl-form-dialog-actions form="password-form" [busy]="request.busy()" [error]="request.error()" submitTestId="reset-save">Set password</atl-form-dialog-actions>
  `,
  styleUrl: '../shared/dialog-form.scss',
})
export class PasswordResetDialog {
  private readonly api = inject(UsersApi);
  protected readonly user = inject<User>(MAT_DIALOG_DATA);
  protected readonly request = inject<DialogRequest<User>>(DialogRequest);

  protected readonly minPassword = MIN_PASSWORD_LENGTH;
  protected readonly form = inject(NonNullableFormBuilder).group({
    password: ['', [Validators.required, Validators.minLength(MIN_PASSWORD_LENGTH)]],
  });

  protected save(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.request.run(this.api.update(this.user.user_id, { password: this.form.getRawValue().password }));
  }
}
