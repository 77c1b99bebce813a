import type { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { tap } from 'rxjs';
import { API_BASE_URL } from '../api/api-base-url';
import { AuthApi } from '../api/auth-api';
import { httpStatus } from '../api/http-status';
import { AuthState } from './auth-state';

/**
 * A 401 from any API route means the session is over: back to login, and after it to the page the
 * user was on. The sign-in routes are left out: their 401 means wrong credentials, or nobody yet.
 */
export const unauthenticatedInterceptor: HttpInterceptorFn = (req, next) => {
  const auth = inject(AuthState);
  const authApi = inject(AuthApi);
  const apiBase = inject(API_BASE_URL);
  return next(req).pipe(
    tap({
      error: (err: unknown) => {
        if (httpStatus(err) === 401 && req.url.startsWith(`${apiBase}/`) && !authApi.isAuthRoute(req.url)) auth.sessionEnded();
      },
    }),
  );
};
