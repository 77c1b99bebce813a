import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { AsyncAcceptedResponse, Preset, PresetList } from '@atelier/contracts';
import { API_BASE_URL } from './api-base-url';

export interface PresetListQuery {
  category?: string | null;
  limit?: number;
  cursor?: string | null;
}

/** Typed client of the presets routes and the image thumbnails they show. */
@Injectable({ providedIn: 'root' })
export class PresetsApi {
  private readonly http = inject(HttpClient);
  private readonly apiBase = inject(API_BASE_URL);
  private readonly base = `${this.apiBase}/presets`;

  list(query: PresetListQuery = {}): Observable<PresetList> {
    let params = new HttpParams();
    if (query.category) params = params.set('category', query.category);
    if (query.limit) params = params.set('limit', query.limit);
    if (query.cursor) params = params.set('cursor', query.cursor);
    return this.http.get<PresetList>(this.base, { params });
  }

  get(presetId: string): Observable<Preset> {
    return this.http.get<Preset>(`${this.base}/${encodeURIComponent(presetId)}`);
  }

  rename(presetId: string, name: string): Observable<Preset> {
    return this.http.patch<Preset>(`${this.base}/${encodeURIComponent(presetId)}`, { name });
  }

  delete(presetId: string): Observable<void> {
    return this.http.delete<void>(`${this.base}/${encodeURIComponent(presetId)}`);
  }

  /** `POST /api/presets/{id}/generate`: queues a generate_image job that renders an image from the preset. */
  generate(presetId: string, prompt?: string): Observable<AsyncAcceptedResponse> {
    const text = prompt?.trim();
    return this.http.post<AsyncAcceptedResponse>(`${this.base}/${encodeURIComponent(presetId)}/generate`, text ? { prompt: text } : {});
  }

  thumbnailUrl(imageId: string): string {
    return `${this.apiBase}/images/${encodeURIComponent(imageId)}/thumbnail`;
  }
}
