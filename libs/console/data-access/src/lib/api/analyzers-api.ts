import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { map, type Observable } from 'rxjs';
import type { AnalyzerInfo, AnalyzerList, AsyncAcceptedResponse } from '@atelier/contracts';
import { API_BASE_URL } from './api-base-url';

export interface AnalyzeRequest {
  analyzer: string;
  image: File;
  presetName?: string;
  /** Comprehensive only: the analyses to run (default: all). */
  analyzers?: readonly string[];
}

/** What the server accepts per upload (`limits` of `GET /api/analyzers`). */
export interface UploadLimits {
  readonly maxBytes: number;
  readonly maxPixels: number;
}

export interface AnalyzerCatalog {
  readonly analyzers: AnalyzerInfo[];
  /** Null when the server does not say (an older server): the console then names no number. */
  readonly limits: UploadLimits | null;
}

/** Typed client of the analyzer routes; the console always starts analyses as jobs. */
@Injectable({ providedIn: 'root' })
export class AnalyzersApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${inject(API_BASE_URL)}/analyzers`;

  list(): Observable<AnalyzerInfo[]> {
    return this.catalog().pipe(map((c) => c.analyzers));
  }

  /** The analyzers with the server's upload limits. */
  catalog(): Observable<AnalyzerCatalog> {
    return this.http
      .get<AnalyzerList>(this.base)
      .pipe(map((r) => ({ analyzers: r.analyzers, limits: r.limits ? { maxBytes: r.limits.max_upload_bytes, maxPixels: r.limits.max_pixels } : null })));
  }

  /** `POST …/analyze?async_mode=true`: answers at once with the queued job. */
  analyze(request: AnalyzeRequest): Observable<AsyncAcceptedResponse> {
    const form = new FormData();
    form.append('image', request.image, request.image.name);
    if (request.presetName?.trim()) form.append('preset_name', request.presetName.trim());
    if (request.analyzers?.length) form.append('analyzers', request.analyzers.join(','));
    const params = new HttpParams().set('async_mode', 'true');
    return this.http.post<AsyncAcceptedResponse>(`${this.base}/${encodeURIComponent(request.analyzer)}/analyze`, form, { params });
  }
}

