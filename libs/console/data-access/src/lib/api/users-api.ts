import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { map, type Observable } from 'rxjs';
import type { Role, User, UserList } from '@atelier/contracts';
import { API_BASE_URL } from './api-base-url';

export interface CreateUserRequest {
  email: string;
  password: string;
  role: Role;
  name?: string;
}

export type UpdateUserRequest = Partial<Pick<User, 'role' | 'name' | 'disabled'>> & { password?: string };

/** Typed client of the user routes (admin only). */
@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${inject(API_BASE_URL)}/users`;

  list(): Observable<User[]> {
    return this.http.get<UserList>(this.base).pipe(map((r) => r.users));
  }

  create(request: CreateUserRequest): Observable<User> {
    return this.http.post<User>(this.base, request);
  }

  update(userId: string, patch: UpdateUserRequest): Observable<User> {
    return this.http.patch<User>(`${this.base}/${encodeURIComponent(userId)}`, patch);
  }

  delete(userId: string): Observable<void> {
    return this.http.delete<void>(`${this.base}/${encodeURIComponent(userId)}`);
  }
}
