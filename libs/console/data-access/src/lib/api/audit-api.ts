import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { AuditList } from '@atelier/contracts';
import { API_BASE_URL } from './api-base-url';

export interface AuditQuery {
  /** Only this action, e.g. `auth.login_failed` (exact). */
  action?: string | null;
  /** Only entries of this user id. */
  actor?: string | null;
  limit?: number;
  cursor?: string | null;
}

/** Typed client of the audit log (admin only): who did what, newest first, paged by cursor. */
@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${inject(API_BASE_URL)}/audit`;

  list(query: AuditQuery = {}): Observable<AuditList> {
    let params = new HttpParams();
    if (query.action) params = params.set('action', query.action);
    if (query.actor) params = params.set('actor', query.actor);
    if (query.limit) params = params.set('limit', query.limit);
    if (query.cursor) params = params.set('cursor', query.cursor);
    return this.http.get<AuditList>(this.base, { params });
  }
}
