import { inject, signal } from '@angular/core';
import { toObservable } from '@angular/core/rxjs-interop';
import { EMPTY, catchError, filter, finalize, tap, type Observable } from 'rxjs';
import { JobsStream, problemMessage } from '@atelier/console/data-access';
import { liveRefresh, reconnected } from './live-refresh';

/**
 * A page's reads from the server: whether one is on its way, and why the last one failed. A failed
 * read keeps what the page shows and says why; the next one that succeeds clears the message.
 */
export class ServerRead {
  readonly loading = signal(false);
  readonly error = signal<string | null>(null);

  /** `read`, applying its answer with `apply`; completes without a value when it fails. */
  run<T>(read: Observable<T>, apply: (answer: T) => void): Observable<T> {
    this.loading.set(true);
    return read.pipe(
      tap((answer) => {
        apply(answer);
        this.error.set(null);
      }),
      catchError((err: unknown) => {
        this.error.set(problemMessage(err));
        return EMPTY;
      }),
      finalize(() => this.loading.set(false)),
    );
  }
}

/**
 * When jobs changed anywhere (a job event on the stream, or the stream back after a drop), at most
 * once per `minGapMs`. Call it in an injection context.
 */
export function jobChanges(minGapMs: number): Observable<void> {
  const stream = inject(JobsStream);
  return liveRefresh([stream.events$.pipe(filter((e) => e.event.startsWith('job.'))), reconnected(toObservable(stream.connection))], minGapMs);
}
