import { InjectionToken } from '@angular/core';
import { Observable } from 'rxjs';
import { JOB_EVENT_NAMES, type JobEvent, type JobSnapshot } from '@atelier/contracts';
import type { JobsStreamMessage } from './jobs-stream.reducer';

/** What one EventSource connection reports: its state changes and the parsed messages. */
export type EventSourceSignal =
  | { readonly type: 'open' }
  | { readonly type: 'interrupted' }
  | { readonly type: 'message'; readonly message: JobsStreamMessage };

export type EventSourceFactory = (url: string) => EventSource;

export const EVENT_SOURCE_FACTORY = new InjectionToken<EventSourceFactory>('EVENT_SOURCE_FACTORY', {
  providedIn: 'root',
  factory: () => (url: string) => new EventSource(url),
});

/**
 * Wraps one EventSource as a cold Observable. The browser itself reconnects after a dropped
 * connection and sends `Last-Event-ID` (reported as `interrupted`); when it gives up (CLOSED) the
 * Observable errors so the caller can open a fresh connection.
 */
export function eventSourceMessages(factory: EventSourceFactory, url: string): Observable<EventSourceSignal> {
  return new Observable<EventSourceSignal>((subscriber) => {
    const source = factory(url);
    source.onopen = () => subscriber.next({ type: 'open' });
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) subscriber.error(new Error('The job stream closed'));
      else subscriber.next({ type: 'interrupted' });
    };
    source.addEventListener('snapshot', (e: MessageEvent<string>) => {
      const data = JSON.parse(e.data) as JobSnapshot;
      subscriber.next({ type: 'message', message: { kind: 'snapshot', id: e.lastEventId, jobs: data.jobs } });
    });
    for (const name of JOB_EVENT_NAMES) {
      source.addEventListener(name, (e: MessageEvent<string>) => {
        const event = { id: e.lastEventId, event: name, data: JSON.parse(e.data) } as JobEvent;
        subscriber.next({ type: 'message', message: { kind: 'event', event } });
      });
    }
    return () => source.close();
  });
}
