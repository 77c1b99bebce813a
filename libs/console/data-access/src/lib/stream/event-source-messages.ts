import { InjectionToken } from '@angular/core';
import { Observable } from 'rxjs';
import { JOB_EVENT_NAMES, QUEUE_EVENT_NAMES, type JobEvent, type JobSnapshot } from '@atelier/contracts';
import type { JobsStreamMessage, SnapshotLeftOut } from './jobs-stream.reducer';

/** What one EventSource connection reports: that it opened, and the parsed messages. */
export type EventSourceSignal = { readonly type: 'open' } | { readonly type: 'message'; readonly message: JobsStreamMessage };

export type EventSourceFactory = (url: string) => EventSource;

export const EVENT_SOURCE_FACTORY = new InjectionToken<EventSourceFactory>('EVENT_SOURCE_FACTORY', {
  providedIn: 'root',
  factory: () => (url: string) => new EventSource(url),
});

/**
 * Wraps one EventSource as a cold Observable that errors when the connection drops or fails. The
 * browser is not left to reconnect by itself: it would retry after a fixed delay, every console at
 * the same moment after a deploy; the caller reconnects with a jittered backoff instead.
 */
export function eventSourceMessages(factory: EventSourceFactory, url: string): Observable<EventSourceSignal> {
  return new Observable<EventSourceSignal>((subscriber) => {
    const source = factory(url);
    source.onopen = () => subscriber.next({ type: 'open' });
    source.onerror = () => subscriber.error(new Error(source.readyState === EventSource.CLOSED ? 'The job stream closed' : 'The job stream dropped'));
    source.addEventListener('snapshot', (e: MessageEvent<string>) => {
      const data = JSON.parse(e.data) as JobSnapshot;
      const leftOut = leftOutOf(data);
      subscriber.next({ type: 'message', message: { kind: 'snapshot', id: e.lastEventId, jobs: data.jobs, ...(leftOut ? { leftOut } : {}) } });
    });
    for (const name of [...JOB_EVENT_NAMES, ...QUEUE_EVENT_NAMES, 'panel.dismissed'] as const) {
      source.addEventListener(name, (e: MessageEvent<string>) => {
        const event = { id: e.lastEventId, event: name, data: JSON.parse(e.data) } as JobEvent;
        subscriber.next({ type: 'message', message: { kind: 'event', event } });
      });
    }
    return () => {
      source.onopen = null;
      source.onerror = null;
      source.close();
    };
  });
}

/** The cursors of what a truncated snapshot left out, or undefined when it holds everything. */
function leftOutOf(snapshot: JobSnapshot): SnapshotLeftOut | undefined {
  if (snapshot.truncated !== true || typeof snapshot.finished_since !== 'string') return undefined;
  return { finished_since: snapshot.finished_since, unfinished_cursor: snapshot.unfinished_cursor ?? null, finished_cursor: snapshot.finished_cursor ?? null };
}
