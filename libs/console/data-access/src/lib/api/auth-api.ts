import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { LoginResponse, SetupStatus, User } from '@atelier/contracts';
import { API_BASE_URL } from './api-base-url';

export interface SetupRequest {
  /** The one-time token the server logged at its first start. */
  token: string;
  email: string;
  password: string;
  name?: string;
}

/** Typed client of the sign-in routes (API.md § Access): setup, login, logout, the current user, SSO. */
@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${inject(API_BASE_URL)}/auth`;

  setupStatus(): Observable<SetupStatus> {
    return this.http.get<SetupStatus>(`${this.base}/setup`);
  }

  /** Creates the first admin and signs it in (the answer sets the session cookie). */
  setup(request: SetupRequest): Observable<LoginResponse> {
    return this.http.post<LoginResponse>(`${this.base}/setup`, request);
  }

  login(email: string, password: string): Observable<LoginResponse> {
    return this.http.post<LoginResponse>(`${this.base}/login`, { email, password });
  }

  logout(): Observable<void> {
    return this.http.post<void>(`${this.base}/logout`, null);
  }

  me(): Observable<User> {
    return this.http.get<User>(`${this.base}/me`);
  }

  /** Where a full-page navigation starts SSO; the server comes back to `returnTo` after the callback. */
  ssoLoginUrl(returnTo: string): string {
    return `${this.base}/oidc/login?return_to=${encodeURIComponent(returnTo)}`;
  }

  /** Whether a request URL is one of these routes, whose 401 means "wrong credentials", not "session over". */
  isAuthRoute(url: string): boolean {
    return url.startsWith(`${this.base}/`);
  }
}
