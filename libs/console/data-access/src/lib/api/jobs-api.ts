import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { map, type Observable } from 'rxjs';
import type { BulkAction, BulkResult, Job, JobList, JobStatus, JobTimeline, JobTimelineEntry, JobType } from '@atelier/contracts';
import { API_BASE_URL } from './api-base-url';

/** Newest first (the server's default) or oldest first. */
export type JobSort = '-created_at' | 'created_at';

/** The filters of `GET /api/jobs`; `POST /api/jobs/bulk` takes the same ones. */
export interface JobFilter {
  status?: readonly JobStatus[];
  type?: readonly JobType[];
  parentId?: string;
  /** Job id prefix, or words of the title, preset name or original file name. */
  q?: string;
  /** ISO-8601 instants. */
  createdAfter?: string | null;
  createdBefore?: string | null;
}

export interface JobListQuery extends JobFilter {
  limit?: number;
  cursor?: string | null;
  sort?: JobSort;
}

/** What a bulk action applies to: named jobs, or every job matching a filter (not one page). */
export type BulkTarget = { readonly jobIds: readonly string[] } | { readonly filter: JobFilter };

/** Typed client of the jobs REST routes (API.md § Jobs and § Operations). */
@Injectable({ providedIn: 'root' })
export class JobsApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${inject(API_BASE_URL)}/jobs`;

  list(query: JobListQuery = {}): Observable<JobList> {
    let params = new HttpParams();
    for (const [name, value] of Object.entries(wireFilter(query))) params = params.set(name, typeof value === 'string' ? value : value.join(','));
    if (query.sort && query.sort !== '-created_at') params = params.set('sort', query.sort);
    if (query.limit) params = params.set('limit', query.limit);
    if (query.cursor) params = params.set('cursor', query.cursor);
    return this.http.get<JobList>(this.base, { params });
  }

  get(jobId: string): Observable<Job> {
    return this.http.get<Job>(this.url(jobId));
  }

  /** The job's durable timeline, oldest first. */
  events(jobId: string): Observable<JobTimelineEntry[]> {
    return this.http.get<JobTimeline>(`${this.url(jobId)}/events`).pipe(map((t) => t.events));
  }

  cancel(jobId: string): Observable<Job> {
    return this.http.post<Job>(`${this.url(jobId)}/cancel`, null);
  }

  retry(jobId: string): Observable<Job> {
    return this.http.post<Job>(`${this.url(jobId)}/retry`, null);
  }

  delete(jobId: string): Observable<void> {
    return this.http.delete<void>(this.url(jobId));
  }

  /** `POST /api/jobs/bulk`: one action over named jobs or over every job a filter matches. */
  bulk(action: BulkAction, target: BulkTarget): Observable<BulkResult> {
    const body = 'jobIds' in target ? { action, job_ids: target.jobIds } : { action, filter: wireFilter(target.filter) };
    return this.http.post<BulkResult>(`${this.base}/bulk`, body);
  }

  /** The event stream's URL (used by JobsStream). */
  streamUrl(): string {
    return `${this.base}/stream`;
  }

  private url(jobId: string): string {
    return `${this.base}/${encodeURIComponent(jobId)}`;
  }
}

/** The filter as the wire names it, without the empty fields. */
function wireFilter(filter: JobFilter): Record<string, string | readonly string[]> {
  const wire: Record<string, string | readonly string[]> = {};
  if (filter.status?.length) wire['status'] = filter.status;
  if (filter.type?.length) wire['type'] = filter.type;
  if (filter.parentId) wire['parent_id'] = filter.parentId;
  const q = filter.q?.trim();
  if (q) wire['q'] = q;
  if (filter.createdAfter) wire['created_after'] = filter.createdAfter;
  if (filter.createdBefore) wire['created_before'] = filter.createdBefore;
  return wire;
}
