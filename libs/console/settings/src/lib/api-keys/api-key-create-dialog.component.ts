import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { CreatedApiKey, Role } from '@atelier/contracts';
import { ApiKeysApi, rolesUpTo } from '@atelier/console/data-access';
import { ROLE_LABELS } from '@atelier/console/ui';
import { DialogRequest } from '../shared/dialog-request';
import { FormDialogActions } from '../shared/form-dialog-actions.component';
import { DEFAULT_EXPIRY, EXPIRY_CHOICES, expiresAt } from './key-expiry';

export interface ApiKeyCreateData {
  /** The creator's role: a key's is at most that. */
  readonly role: Role;
}

/** Names a new key, its role and lifetime; closes with the created key (and its secret). */
@Component({
  selector: 'atl-api-key-create-dialog',
  imports: [ReactiveFormsModule, FormDialogActions, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule],
  providers: [DialogRequest],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>New API key</h2>
    <mat-dialog-content>
      <form id="api-key-form" [formGroup]="form" (ngSubmit)="create()" novalidate>
        <mat-form-field appearance="outline">
          <mat-label>Name</mat-label>
          <input matInput formControlName="name" maxlength="100" autocomplete="off" required data-testid="api-key-name" />
          <mat-hint>What uses it, e.g. "CI pipeline"</mat-hint>
          @if (form.controls.name.hasError('required')) {
            <mat-error>Name the key.</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Role</mat-label>
          <mat-select formControlName="role" data-testid="api-key-role">
            @for (role of roles; track role) {
              <mat-option [value]="role">{{ roleLabels[role] }}</mat-option>
            }
          </mat-select>
          <mat-hint>What the key may do: at most what you may</mat-hint>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Expires after</mat-label>
          <mat-select formControlName="expiry" data-testid="api-key-expiry">
            @for (choice of expiryChoices; track choice.id) {
              <mat-option [value]="choice.id">{{ choice.label }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      </form>
    </mat-dialog-content>
    <atl-form-dialog-actions form="api-key-form" [busy]="request.busy()" [error]="request.error()" submitTestId="api-key-create">Create key</atl-form-dialog-actions>
  `,
  styleUrl: '../shared/dialog-form.scss',
})
export class ApiKeyCreateDialog {
  private readonly api = inject(ApiKeysApi);
  private readonly data = inject<ApiKeyCreateData>(MAT_DIALOG_DATA);
  protected readonly request = inject<DialogRequest<CreatedApiKey>>(DialogRequest);

  protected readonly roles = rolesUpTo(this.data.role);
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly expiryChoices = EXPIRY_CHOICES;
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(100)]],
    role: [this.data.role],
    expiry: [DEFAULT_EXPIRY],
  });

  protected create(): void {
    const name = this.form.controls.name.value.trim();
    if (!name) this.form.controls.name.setValue('');
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { role, expiry } = this.form.getRawValue();
    const expires = expiresAt(expiry, Date.now());
    this.request.run(this.api.create({ name, role, ...(expires ? { expires_at: expires } : {}) }));
  }
}
