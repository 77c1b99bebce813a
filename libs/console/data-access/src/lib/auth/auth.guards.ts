import { inject } from '@angular/core';
import { Router, type CanActivateChildFn, type CanActivateFn } from '@angular/router';
import { catchError, map, of, switchMap } from 'rxjs';
import type { Role } from '@atelier/contracts';
import { AuthApi } from '../api/auth-api';
import { AuthState } from './auth-state';
import { loginPath, safeReturnTo } from './return-to';
import { hasRole } from './roles';

/**
 * The signed-in pages. Without a session: the setup page while the instance has no user yet,
 * otherwise the login page, which comes back here after.
 */
export const signedInGuard: CanActivateChildFn = (_route, state) => {
  const auth = inject(AuthState);
  const authApi = inject(AuthApi);
  const router = inject(Router);
  const toLogin = () => router.parseUrl(loginPath(state.url));
  return auth.session().pipe(
    catchError(() => of(null)),
    switchMap((user) =>
      user
        ? of(true)
        : authApi.setupStatus().pipe(
            map((status) => (status.needed ? router.parseUrl('/setup') : toLogin())),
            catchError(() => of(toLogin())),
          ),
    ),
  );
};

/** The login page: someone already signed in goes straight where the page would have sent them. */
export const signedOutGuard: CanActivateFn = (route) => {
  const auth = inject(AuthState);
  const router = inject(Router);
  return auth.session().pipe(
    catchError(() => of(null)),
    map((user) => (user ? router.parseUrl(safeReturnTo(route.queryParamMap.get('return_to'))) : true)),
  );
};

/** A page for `minimum` and above; anyone else is sent to `otherwise`. */
export function roleGuard(minimum: Role, otherwise: string): CanActivateFn {
  return () => {
    const auth = inject(AuthState);
    const router = inject(Router);
    return auth.session().pipe(
      catchError(() => of(null)),
      map((user) => hasRole(user?.role, minimum) || router.parseUrl(otherwise)),
    );
  };
}
