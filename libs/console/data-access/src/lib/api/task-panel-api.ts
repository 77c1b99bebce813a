import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { map, type Observable } from 'rxjs';
import type { TaskPanel } from '@atelier/contracts';
import { API_BASE_URL } from './api-base-url';

/** The task manager's content, and how far the server's clock is ahead of this browser's. */
export interface TaskPanelAnswer {
  readonly panel: TaskPanel;
  /** Server time minus browser time in ms, from the answer's `Date` header (0 when absent). */
  readonly clockOffsetMs: number;
}

/** Typed client of `GET /api/task-panel` and `POST /api/task-panel/dismiss`. */
@Injectable({ providedIn: 'root' })
export class TaskPanelApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${inject(API_BASE_URL)}/task-panel`;

  get(): Observable<TaskPanelAnswer> {
    const sent = Date.now();
    return this.http.get<TaskPanel>(this.base, { observe: 'response' }).pipe(
      map((response) => {
        const received = Date.now();
        const serverDate = Date.parse(response.headers.get('Date') ?? '');
        // The header has a resolution of one second: half of it is the best guess of the server's sub-second.
        const clockOffsetMs = Number.isFinite(serverDate) ? serverDate + 500 - (sent + received) / 2 : 0;
        return { panel: response.body ?? { jobs: [], recent_seconds: 0, paused_types: [] }, clockOffsetMs };
      }),
    );
  }

  /** Hides jobs from the panel in every tab of the signed-in user. */
  dismiss(jobIds: readonly string[]): Observable<{ dismissed: number }> {
    return this.http.post<{ dismissed: number }>(`${this.base}/dismiss`, { job_ids: jobIds });
  }
}
