import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { map, type Observable } from 'rxjs';
import type { ApiKey, ApiKeyList, CreatedApiKey, Role } from '@atelier/contracts';
import { API_BASE_URL } from './api-base-url';

export interface CreateApiKeyRequest {
  name: string;
  /** At most the creator's role; the server defaults to it. */
  role?: Role;
  expires_at?: string;
}

/** Typed client of the API key routes: one's own keys (an admin's: everyone's). */
@Injectable({ providedIn: 'root' })
export class ApiKeysApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${inject(API_BASE_URL)}/api-keys`;

  list(): Observable<ApiKey[]> {
    return this.http.get<ApiKeyList>(this.base).pipe(map((r) => r.api_keys));
  }

  /** The answer is the only time the key itself is ever shown. */
  create(request: CreateApiKeyRequest): Observable<CreatedApiKey> {
    return this.http.post<CreatedApiKey>(this.base, request);
  }

  revoke(apiKeyId: string): Observable<void> {
    return this.http.delete<void>(`${this.base}/${encodeURIComponent(apiKeyId)}`);
  }
}
