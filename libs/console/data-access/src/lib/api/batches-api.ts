import { HttpClient, HttpEventType, type HttpEvent } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { filter, map, type Observable } from 'rxjs';
import type { Job } from '@atelier/contracts';
import { API_BASE_URL } from './api-base-url';

/** One `POST /api/batches`: many images, one analysis (or several: a comprehensive one per image). */
export interface BatchRequest {
  images: readonly File[];
  /** The analyses of each image; more than one makes each image a comprehensive analysis. */
  analyzers: readonly string[];
  /** −10…10, higher runs first; null: the server's default. */
  priority?: number | null;
  presetName?: string;
}

/** The answer: the `batch` parent, whose children are the per-image jobs. */
export interface BatchAccepted {
  job_id: string;
  job: Job;
}

/** What an upload reports while it runs, then its answer. */
export type BatchUploadEvent =
  | { readonly kind: 'progress'; readonly sent: number; readonly total: number | null }
  | { readonly kind: 'accepted'; readonly accepted: BatchAccepted };

function toUploadEvent(event: HttpEvent<BatchAccepted>): BatchUploadEvent | null {
  if (event.type === HttpEventType.UploadProgress) return { kind: 'progress', sent: event.loaded, total: event.total ?? null };
  if (event.type === HttpEventType.Response && event.body) return { kind: 'accepted', accepted: event.body };
  return null;
}

/** Typed client of the batch route; the upload reports its progress (a batch can be large). */
@Injectable({ providedIn: 'root' })
export class BatchesApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${inject(API_BASE_URL)}/batches`;

  create(request: BatchRequest): Observable<BatchUploadEvent> {
    const form = new FormData();
    for (const image of request.images) form.append('images', image, image.name);
    if (request.analyzers.length) form.append('analyzers', request.analyzers.join(','));
    if (request.priority !== undefined && request.priority !== null) form.append('priority', String(request.priority));
    if (request.presetName?.trim()) form.append('preset_name', request.presetName.trim());
    return this.http.post<BatchAccepted>(this.base, form, { observe: 'events', reportProgress: true }).pipe(
      map(toUploadEvent),
      filter((e): e is BatchUploadEvent => e !== null),
    );
  }
}
