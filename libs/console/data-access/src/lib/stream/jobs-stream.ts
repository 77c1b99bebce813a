import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { Subject, Subscription, defer, retry, timer, type Observable } from 'rxjs';
import type { Job, JobEvent } from '@atelier/contracts';
import { JobsApi } from '../api/jobs-api';
import { EVENT_SOURCE_FACTORY, eventSourceMessages } from './event-source-messages';
import { initialJobsState, reduceJobs, sortNewestFirst, type JobsStreamMessage } from './jobs-stream.reducer';

export type StreamConnection = 'idle' | 'connecting' | 'open' | 'reconnecting';

const MAX_RETRY_DELAY_MS = 15_000;

/**
 * The live store of jobs: one EventSource on `GET /api/jobs/stream`, folded by `reduceJobs`
 * into signals. Reconnects on its own (Last-Event-ID by the browser; after a hard close, a new
 * connection resumes with `last_event_id`, or gets a fresh snapshot when that is too old) and
 * exposes the connection state for the UI.
 */
@Injectable({ providedIn: 'root' })
export class JobsStream {
  private readonly factory = inject(EVENT_SOURCE_FACTORY);
  private readonly url = inject(JobsApi).streamUrl();
  private readonly state = signal(initialJobsState);
  private readonly applied = new Subject<JobEvent>();
  private subscription: Subscription | null = null;

  readonly connection = signal<StreamConnection>('idle');
  readonly jobsById = computed(() => this.state().jobs);
  readonly jobs = computed(() => sortNewestFirst(Object.values(this.state().jobs)));
  readonly lastEventId = computed(() => this.state().lastEventId);
  /** Live job events after they were applied (not the snapshot), for notifications. */
  readonly events$: Observable<JobEvent> = this.applied.asObservable();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.disconnect());
  }

  connect(): void {
    if (this.subscription) return;
    this.connection.set('connecting');
    this.subscription = defer(() => eventSourceMessages(this.factory, this.resumeUrl()))
      .pipe(
        retry({
          resetOnSuccess: true,
          delay: (_error, attempt) => {
            this.connection.set('reconnecting');
            return timer(Math.min(MAX_RETRY_DELAY_MS, 500 * 2 ** Math.min(attempt, 5)));
          },
        }),
      )
      .subscribe((signal) => {
        if (signal.type === 'open') this.connection.set('open');
        else if (signal.type === 'interrupted') this.connection.set('reconnecting');
        else this.apply(signal.message);
      });
  }

  disconnect(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
    this.connection.set('idle');
  }

  /** Adds or refreshes a job known from a REST answer; the stream's later events still win. */
  upsert(job: Job): void {
    this.apply({ kind: 'local', job });
  }

  private resumeUrl(): string {
    const cursor = this.state().lastEventId;
    if (!cursor) return this.url;
    return `${this.url}${this.url.includes('?') ? '&' : '?'}last_event_id=${encodeURIComponent(cursor)}`;
  }

  private apply(message: JobsStreamMessage): void {
    const before = this.state();
    const after = reduceJobs(before, message);
    if (after === before) return;
    this.state.set(after);
    if (message.kind === 'event') this.applied.next(message.event);
  }
}
