import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { AuthApi, AuthState, MIN_PASSWORD_LENGTH, problemMessage } from '@atelier/console/data-access';
import { AuthFrame } from '../frame/auth-frame.component';

/**
 * First run: creates the first admin with the one-time token the server logged, which proves the
 * person owns the server (an exposed fresh instance cannot be claimed by a stranger). The server
 * signs the new admin in.
 */
@Component({
  selector: 'atl-setup-page',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, RouterLink, AuthFrame],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './setup-page.component.html',
  styleUrl: '../frame/auth-form.scss',
})
export class SetupPage {
  private readonly api = inject(AuthApi);
  private readonly auth = inject(AuthState);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly minPassword = MIN_PASSWORD_LENGTH;
  protected readonly status = rxResource({ stream: () => this.api.setupStatus() });
  protected readonly done = computed(() => this.status.hasValue() && !this.status.value().needed);
  protected readonly statusError = computed(() => (this.status.error() ? problemMessage(this.status.error()) : null));
  protected readonly form = inject(NonNullableFormBuilder).group({
    token: ['', [Validators.required]],
    email: ['', [Validators.required, Validators.email]],
    name: [''],
    password: ['', [Validators.required, Validators.minLength(MIN_PASSWORD_LENGTH)]],
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected submit(): void {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { token, email, name, password } = this.form.getRawValue();
    this.busy.set(true);
    this.error.set(null);
    this.api
      .setup({ token: token.trim(), email: email.trim(), password, ...(name.trim() ? { name: name.trim() } : {}) })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ({ user }) => {
          this.auth.signedInAs(user);
          void this.router.navigateByUrl('/');
        },
        error: (err: unknown) => {
          this.busy.set(false);
          this.error.set(problemMessage(err));
        },
      });
  }
}
