import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal } from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { AuthApi, AuthState, FULL_PAGE_LOAD, problemMessage, safeReturnTo } from '@atelier/console/data-access';
import { AuthFrame } from '../frame/auth-frame.component';
import { describeLoginFailure } from './login-failure';
import { ssoErrorMessage } from './sso-error-message';

/** Sign in with email and password, or with SSO when the server offers it; then back where the user was. */
@Component({
  selector: 'atl-login-page',
  imports: [ReactiveFormsModule, MatButtonModule, MatDividerModule, MatFormFieldModule, MatIconModule, MatInputModule, MatProgressBarModule, AuthFrame],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './login-page.component.html',
  styleUrl: '../frame/auth-form.scss',
})
export class LoginPage {
  private readonly api = inject(AuthApi);
  private readonly auth = inject(AuthState);
  private readonly router = inject(Router);
  private readonly fullPageLoad = inject(FULL_PAGE_LOAD);
  private readonly destroyRef = inject(DestroyRef);

  /** Query parameter: the page to go back to. */
  readonly returnTo = input<string | undefined>(undefined, { alias: 'return_to' });
  /** Query parameter: the code of a failed SSO sign-in, set by the server when its callback cannot go on. */
  readonly errorCode = input<string | undefined>(undefined, { alias: 'error' });
  protected readonly ssoError = computed(() => {
    const code = this.errorCode();
    return code ? ssoErrorMessage(code) : null;
  });

  protected readonly status = rxResource({ stream: () => this.api.setupStatus() });
  protected readonly sso = computed(() => this.status.hasValue() && this.status.value().sso === true);
  protected readonly statusError = computed(() => (this.status.error() ? problemMessage(this.status.error()) : null));
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required]],
    password: ['', [Validators.required]],
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    // Nobody can sign in before the first admin exists.
    effect(() => {
      if (this.status.hasValue() && this.status.value().needed) void this.router.navigateByUrl('/setup');
    });
  }

  protected submit(): void {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { email, password } = this.form.getRawValue();
    this.busy.set(true);
    this.error.set(null);
    this.api
      .login(email.trim(), password)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ({ user }) => {
          this.auth.signedInAs(user);
          void this.router.navigateByUrl(safeReturnTo(this.returnTo()));
        },
        error: (err: unknown) => {
          this.busy.set(false);
          this.error.set(describeLoginFailure(err, Date.now()));
        },
      });
  }

  protected signInWithSso(): void {
    this.busy.set(true);
    this.fullPageLoad(this.api.ssoLoginUrl(safeReturnTo(this.returnTo())));
  }
}
