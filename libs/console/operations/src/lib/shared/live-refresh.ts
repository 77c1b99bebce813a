import { asyncScheduler, filter, map, merge, pairwise, throttleTime, type Observable, type SchedulerLike } from 'rxjs';
import type { StreamConnection } from '@atelier/console/data-access';

/** Emits when the job stream is open again after it dropped: events may have been missed meanwhile. */
export function reconnected(connection$: Observable<StreamConnection>): Observable<void> {
  return connection$.pipe(
    pairwise(),
    filter(([before, now]) => before === 'reconnecting' && now === 'open'),
    map(() => undefined),
  );
}

/**
 * When to read again what a page shows from the server: on the first trigger at once, then at
 * most once per `minGapMs` however many events arrive (the last burst is never left unread), and
 * never while nothing happens.
 */
export function liveRefresh(triggers: readonly Observable<unknown>[], minGapMs: number, scheduler: SchedulerLike = asyncScheduler): Observable<void> {
  return merge(...triggers).pipe(
    throttleTime(minGapMs, scheduler, { leading: true, trailing: true }),
    map(() => undefined),
  );
}
