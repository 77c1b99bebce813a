import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { Subject, Subscription, defer, retry, timer, type Observable } from 'rxjs';
import type { Job, JobEvent } from '@atelier/contracts';
import { JobsApi } from '../api/jobs-api';
import { EVENT_SOURCE_FACTORY, eventSourceMessages } from './event-source-messages';
import { initialJobsState, reduceJobs, sortNewestFirst, type JobsStreamMessage, type SnapshotLeftOut } from './jobs-stream.reducer';
import { RECONNECT_BACKOFF, reconnectDelay } from './reconnect-backoff';
import { loadLeftOut } from './snapshot-left-out';

export type StreamConnection = 'idle' | 'connecting' | 'open' | 'reconnecting';

/**
 * The live store of jobs: one EventSource on `GET /api/jobs/stream`, folded by `reduceJobs`
 * into signals. When the connection drops it reconnects after a jittered, growing delay, resuming
 * with `last_event_id` (or getting a fresh snapshot when that is too old); what a truncated
 * snapshot left out it loads over REST. Exposes the connection state for the UI.
 */
@Injectable({ providedIn: 'root' })
export class JobsStream {
  private readonly factory = inject(EVENT_SOURCE_FACTORY);
  private readonly api = inject(JobsApi);
  private readonly backoff = inject(RECONNECT_BACKOFF);
  private readonly url = this.api.streamUrl();
  private readonly state = signal(initialJobsState);
  private readonly applied = new Subject<JobEvent>();
  private subscription: Subscription | null = null;
  /** Failed connections since the stream last delivered a message. */
  private failures = 0;
  private leftOut: Subscription | null = null;
  /** Jobs deleted since the snapshot: a REST page read before the deletion must not bring them back. */
  private readonly deleted = new Set<string>();

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
          delay: () => {
            this.connection.set('reconnecting');
            return timer(reconnectDelay(this.failures++, this.backoff));
          },
        }),
      )
      .subscribe((signal) => {
        if (signal.type === 'open') {
          this.connection.set('open');
          return;
        }
        // The server serves this stream again: the next drop starts the backoff over.
        this.failures = 0;
        this.connection.set('open');
        this.apply(signal.message);
      });
  }

  disconnect(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
    this.leftOut?.unsubscribe();
    this.leftOut = null;
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
    if (message.kind === 'event' && message.event.event === 'job.deleted') this.deleted.add(message.event.data.job_id);
    const before = this.state();
    const after = reduceJobs(before, message);
    if (after === before) return;
    this.state.set(after);
    if (message.kind === 'event') this.applied.next(message.event);
    if (message.kind === 'snapshot') this.loadLeftOut(message.leftOut);
  }

  /** A new snapshot replaces what an earlier one left out, loaded or not. */
  private loadLeftOut(leftOut: SnapshotLeftOut | undefined): void {
    this.leftOut?.unsubscribe();
    this.leftOut = null;
    this.deleted.clear();
    if (!leftOut) return;
    this.leftOut = loadLeftOut(this.api, leftOut).subscribe((jobs) =>
      this.apply({ kind: 'page', jobs: jobs.filter((job) => !this.deleted.has(job.job_id)) }),
    );
  }
}
