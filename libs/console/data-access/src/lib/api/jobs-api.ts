import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { Job, JobList, JobStatus, JobType } from '@atelier/contracts';
import { API_BASE_URL } from './api-base-url';

export interface JobListQuery {
  status?: readonly JobStatus[];
  type?: readonly JobType[];
  parentId?: string;
  limit?: number;
  cursor?: string | null;
}

/** Typed client of the jobs REST routes (API.md § Jobs). */
@Injectable({ providedIn: 'root' })
export class JobsApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${inject(API_BASE_URL)}/jobs`;

  list(query: JobListQuery = {}): Observable<JobList> {
    let params = new HttpParams();
    if (query.status?.length) params = params.set('status', query.status.join(','));
    if (query.type?.length) params = params.set('type', query.type.join(','));
    if (query.parentId) params = params.set('parent_id', query.parentId);
    if (query.limit) params = params.set('limit', query.limit);
    if (query.cursor) params = params.set('cursor', query.cursor);
    return this.http.get<JobList>(this.base, { params });
  }

  get(jobId: string): Observable<Job> {
    return this.http.get<Job>(`${this.base}/${encodeURIComponent(jobId)}`);
  }

  cancel(jobId: string): Observable<Job> {
    return this.http.post<Job>(`${this.base}/${encodeURIComponent(jobId)}/cancel`, null);
  }

  retry(jobId: string): Observable<Job> {
    return this.http.post<Job>(`${this.base}/${encodeURIComponent(jobId)}/retry`, null);
  }

  delete(jobId: string): Observable<void> {
    return this.http.delete<void>(`${this.base}/${encodeURIComponent(jobId)}`);
  }

  /** The event stream's URL (used by JobsStream). */
  streamUrl(): string {
    return `${this.base}/stream`;
  }
}
