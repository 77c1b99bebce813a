import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { JobType, QueueInfo, QueueList, StatsBucket, StatsSummary, Timeseries, WorkerList } from '@atelier/contracts';
import { API_BASE_URL } from './api-base-url';

export interface TimeseriesQuery {
  from: Date;
  to: Date;
  bucket: StatsBucket;
  type?: JobType | null;
}

/** Typed client of the operator's routes (API.md § Operations): stats, queues, workers. */
@Injectable({ providedIn: 'root' })
export class OperationsApi {
  private readonly http = inject(HttpClient);
  private readonly base = inject(API_BASE_URL);

  summary(): Observable<StatsSummary> {
    return this.http.get<StatsSummary>(`${this.base}/stats/summary`);
  }

  timeseries(query: TimeseriesQuery): Observable<Timeseries> {
    let params = new HttpParams().set('from', query.from.toISOString()).set('to', query.to.toISOString()).set('bucket', query.bucket);
    if (query.type) params = params.set('type', query.type);
    return this.http.get<Timeseries>(`${this.base}/stats/timeseries`, { params });
  }

  queues(): Observable<QueueList> {
    return this.http.get<QueueList>(`${this.base}/queues`);
  }

  pauseQueue(type: JobType): Observable<QueueInfo> {
    return this.http.post<QueueInfo>(`${this.base}/queues/${encodeURIComponent(type)}/pause`, null);
  }

  resumeQueue(type: JobType): Observable<QueueInfo> {
    return this.http.post<QueueInfo>(`${this.base}/queues/${encodeURIComponent(type)}/resume`, null);
  }

  workers(): Observable<WorkerList> {
    return this.http.get<WorkerList>(`${this.base}/workers`);
  }
}
