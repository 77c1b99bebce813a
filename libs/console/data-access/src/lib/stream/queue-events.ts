import { Injectable, inject } from '@angular/core';
import { filter, type Observable } from 'rxjs';
import { QUEUE_EVENT_NAMES, type JobEvent, type QueueEventName } from '@atelier/contracts';
import { JobsStream } from './jobs-stream';

/** A `queue.paused` or `queue.resumed` event of the job stream. */
export type QueueStreamEvent = Extract<JobEvent, { event: QueueEventName }>;

export function isQueueEvent(event: JobEvent): event is QueueStreamEvent {
  return (QUEUE_EVENT_NAMES as readonly string[]).includes(event.event);
}

/**
 * The operator's pause and resume of a queue, live from the job stream (every stream carries
 * them): for the Queues page and anything that shows whether a type is paused.
 */
@Injectable({ providedIn: 'root' })
export class QueueEvents {
  readonly events$: Observable<QueueStreamEvent> = inject(JobsStream).events$.pipe(filter(isQueueEvent));
}
