import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { ROLES, type Role, type User } from '@atelier/contracts';
import { MIN_PASSWORD_LENGTH, UsersApi } from '@atelier/console/data-access';
import { ROLE_LABELS } from '@atelier/console/ui';
import { DialogRequest } from '../shared/dialog-request';
import { FormDialogActions } from '../shared/form-dialog-actions.component';

/** An admin adds a user with a first password to hand over; closes with the new user. */
@Component({
  selector: 'atl-user-create-dialog',
  imports: [ReactiveFormsModule, FormDialogActions, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule],
  providers: [DialogRequest],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>New user</h2>
    <mat-dialog-content>
      <form id="user-form" [formGroup]="form" (ngSubmit)="create()" novalidate>
        <mat-form-field appearance="outline">
          <mat-label>Email</mat-label>
          <input matInput type="email" formControlName="email" autocomplete="off" required data-testid="user-email" />
          @if (form.controls.email.hasError('required')) {
            <mat-error>Enter their email.</mat-error>
          } @else if (form.controls.email.hasError('email')) {
            <mat-error>This is not an email address.</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Name (optional)</mat-label>
          <input matInput formControlName="name" autocomplete="off" maxlength="100" data-testid="user-name" />
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Role</mat-label>
          <mat-select formControlName="role" data-testid="user-role">
            @for (role of roles; track role) {
              <mat-option [value]="role">{{ roleLabels[role] }}</mat-option>
            }
          </mat-select>
          <mat-hint>Members see their own work; operators everyone's; admins also manage users.</mat-hint>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Password</mat-label>
          <input matInput type="password" formControlName="password" autocomplete="new-password" required data-testid="user-password" />
          <mat-hint>At least {{ minPassword }} characters; hand it over safely</mat-hint>
          @if (form.controls.password.hasError('required')) {
            <mat-error>Choose a first password.</mat-error>
          } @else if (form.controls.password.hasError('minlength')) {
            <mat-error>At least {{ minPassword }} characters.</mat-error>
          }
        </mat-form-field>
      </form>
    </mat-dialog-content>
    <atl-form-dialog-actions form="user-form" [busy]="request.busy()" [error]="request.error()" submitTestId="user-create">Add user</atl-form-dialog-actions>
  `,
  styleUrl: '../shared/dialog-form.scss',
})
export class UserCreateDialog {
  private readonly api = inject(UsersApi);
  protected readonly request = inject<DialogRequest<User>>(DialogRequest);

  protected readonly roles = ROLES;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly minPassword = MIN_PASSWORD_LENGTH;
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    name: [''],
    role: ['member' as Role],
    password: ['', [Validators.required, Validators.minLength(MIN_PASSWORD_LENGTH)]],
  });

  protected create(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { email, name, role, password } = this.form.getRawValue();
    this.request.run(this.api.create({ email: email.trim(), role, password, ...(name.trim() ? { name: name.trim() } : {}) }));
  }
}
