import { Inject, Injectable, type MessageEvent } from '@nestjs/common';
import { concat, concatMap, defer, filter, from, interval, map, merge, Observable, type Subscriber, type Subscription } from 'rxjs';
import type { JobEvent } from '@atelier/contracts';
import { AppConfig } from '@atelier/platform';
import { JobEventBus, JobStore } from '@atelier/jobs';
import { JobEventFilter, type StreamFilter } from './job-event-filter';

const SNAPSHOT_WINDOW_MS = 10 * 60_000;
const SNAPSHOT_LIMIT = 1000;

/**
 * Builds one subscriber's event stream: a snapshot (or a Last-Event-ID replay), then live
 * events in order, plus a heartbeat comment. Live events are buffered from the first moment,
 * so nothing published while the snapshot is read is lost.
 */
@Injectable()
export class JobStreamService {
  constructor(
    private readonly bus: JobEventBus,
    private readonly store: JobStore,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  open(streamFilter: StreamFilter, lastEventId?: string): Observable<MessageEvent> {
    const events = new Observable<MessageEvent>((subscriber) => {
      const filterState = new JobEventFilter(streamFilter);
      // Live events wait here while the head (snapshot or replay) is read, then flow straight through.
      // (A ReplaySubject would keep every event for the life of the stream.)
      const pending: JobEvent[] = [];
      let target: Subscriber<JobEvent> | undefined;
      let ended: { error?: unknown } | undefined;
      const live: Subscription = this.bus.events$.subscribe({
        next: (e) => (target ? target.next(e) : pending.push(e)),
        error: (error: unknown) => (target ? target.error(error) : (ended = { error })),
        complete: () => (target ? target.complete() : (ended = {})),
      });
      const buffered = new Observable<JobEvent>((s) => {
        for (const e of pending.splice(0)) s.next(e);
        if (ended) return ended.error === undefined ? s.complete() : s.error(ended.error);
        target = s;
        return () => (target = undefined);
      });
      let lastSent = -1n;
      const toMessage = (e: JobEvent): MessageEvent => ({ id: e.id, type: e.event, data: serialized(e) });
      const newer = (e: JobEvent) => {
        const id = toBigInt(e.id);
        if (id !== undefined && id <= lastSent) return false;
        if (id !== undefined) lastSent = id;
        return true;
      };

      const head = defer(async () => {
        const replay = lastEventId ? await this.bus.since(lastEventId) : undefined;
        if (replay) {
          lastSent = toBigInt(lastEventId!) ?? -1n;
          return replay.filter((e) => newer(e) && filterState.matches(e)).map(toMessage);
        }
        const cursor = this.bus.currentCursor();
        lastSent = toBigInt(cursor) ?? -1n;
        const since = new Date(Date.now() - SNAPSHOT_WINDOW_MS).toISOString();
        const jobs = (await this.store.snapshot(since, SNAPSHOT_LIMIT)).filter((j) => filterState.matchesJob(j));
        return [{ id: cursor, type: 'snapshot', data: { jobs } } satisfies MessageEvent];
      });
      const tail = buffered.pipe(
        filter((e) => newer(e) && filterState.matches(e)),
        map(toMessage),
      );
      const sub = concat(head.pipe(concatMap((list) => from(list))), tail).subscribe(subscriber);
      return () => {
        sub.unsubscribe();
        live.unsubscribe();
        pending.length = 0;
      };
    });
    const heartbeat = interval(this.config.values.sseHeartbeatMs).pipe(map((): MessageEvent => ({ comment: 'ping' }) as MessageEvent));
    return merge(events, heartbeat);
  }
}

const serializedData = new WeakMap<JobEvent, string>();

/** An event's data as JSON, serialised once however many streams send it (Nest would stringify it per subscriber). */
function serialized(e: JobEvent): string {
  let json = serializedData.get(e);
  if (json === undefined) serializedData.set(e, (json = JSON.stringify(e.data)));
  return json;
}

function toBigInt(id: string): bigint | undefined {
  return /^\d+$/.test(id) ? BigInt(id) : undefined;
}
