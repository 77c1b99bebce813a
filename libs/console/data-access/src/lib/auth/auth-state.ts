import { Location } from '@angular/common';
import { Injectable, computed, inject, signal } from '@angular/core';
import { catchError, finalize, map, of, share, tap, throwError, type Observable } from 'rxjs';
import type { User } from '@atelier/contracts';
import { AuthApi } from '../api/auth-api';
import { httpStatus } from '../api/http-status';
import { FULL_PAGE_LOAD } from './full-page-load';
import { loginPath } from './return-to';
import { hasRole } from './roles';

/**
 * Who is signed in, as signals: unknown until the session is first asked for, then the user or
 * null. Leaving a session (sign-out, or a 401 saying it is over) loads the login page afresh, so
 * nothing one user saw (jobs, the task manager, caches) stays in memory for the next.
 */
@Injectable({ providedIn: 'root' })
export class AuthState {
  private readonly api = inject(AuthApi);
  private readonly location = inject(Location);
  private readonly fullPageLoad = inject(FULL_PAGE_LOAD);
  /** undefined: not asked yet. */
  private readonly current = signal<User | null | undefined>(undefined);
  private pending: Observable<User | null> | null = null;
  private leaving = false;

  readonly user = computed(() => this.current() ?? null);
  readonly signedIn = computed(() => !!this.current());
  readonly isAdmin = computed(() => hasRole(this.current()?.role, 'admin'));

  /** The signed-in user (null: nobody), asking the server once; errors other than 401 pass through. */
  session(): Observable<User | null> {
    const known = this.current();
    if (known !== undefined) return of(known);
    this.pending ??= this.api.me().pipe(
      catchError((err: unknown) => (httpStatus(err) === 401 ? of(null) : throwError(() => err))),
      tap((user) => this.current.set(user)),
      finalize(() => (this.pending = null)),
      share(),
    );
    return this.pending;
  }

  /** After login or setup: the answer's user is the session's. */
  signedInAs(user: User): void {
    this.leaving = false;
    this.current.set(user);
  }

  /** Asks the server again; a session that ended meanwhile goes back to login. Other failures change nothing. */
  verify(): void {
    this.api.me().subscribe({
      next: (user) => this.current.set(user),
      error: (err: unknown) => {
        if (httpStatus(err) === 401) this.sessionEnded();
      },
    });
  }

  /** Ends the session on the server (already over is fine), then shows the login page. */
  signOut(): Observable<void> {
    return this.api.logout().pipe(
      catchError((err: unknown) => (httpStatus(err) === 401 ? of(undefined) : throwError(() => err))),
      map(() => this.leave('/login')),
    );
  }

  /** The server no longer knows this session: to login, then back to the page shown now. */
  sessionEnded(): void {
    this.leave(loginPath(this.location.path()));
  }

  private leave(url: string): void {
    if (this.leaving) return;
    this.leaving = true;
    this.current.set(null);
    this.fullPageLoad(url);
  }
}
