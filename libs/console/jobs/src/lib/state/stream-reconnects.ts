import { filter, map, pairwise, type Observable } from 'rxjs';
import type { StreamConnection } from '@atelier/console/data-access';

/**
 * Emits each time the job stream is back after it was lost (a server restart, a network gap):
 * what a page read over REST meanwhile may have failed or gone stale, so it reads again.
 */
export function streamReconnects(connection$: Observable<StreamConnection>): Observable<void> {
  return connection$.pipe(
    pairwise(),
    filter(([before, now]) => before === 'reconnecting' && now === 'open'),
    map(() => undefined),
  );
}
