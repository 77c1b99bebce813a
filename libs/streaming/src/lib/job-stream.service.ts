import { Injectable } from '@nestjs/common';
import { JobEventBus, JobStore } from '@atelier/jobs';
import { cursorOf, outgoing } from './event-batch';
import { JobEventBroadcaster } from './job-event-broadcaster';
import { JobEventFilter, type StreamFilter } from './job-event-filter';
import { JobStreamSubscriber, type StreamHead, type StreamSink } from './job-stream-subscriber';
import { snapshotFrame } from './sse-frames';

const SNAPSHOT_WINDOW_MS = 10 * 60_000;
const SNAPSHOT_LIMIT = 1000;

/**
 * Opens one client's stream: a snapshot (or a Last-Event-ID replay), then live events in order
 * from the broadcaster. The stream is registered before its head is read, so nothing published
 * meanwhile is lost; what the head already covers is dropped by id.
 */
@Injectable()
export class JobStreamService {
  constructor(
    private readonly bus: JobEventBus,
    private readonly store: JobStore,
    private readonly broadcaster: JobEventBroadcaster,
  ) {}

  /**
   * Streams to `res` until the client leaves. Nothing is written before the head is read, so when
   * reading it fails the error still reaches the exception filter (a problem+json answer).
   */
  async open(res: StreamSink, streamFilter: StreamFilter, lastEventId?: string): Promise<void> {
    const subscriber = new JobStreamSubscriber(res, new JobEventFilter(streamFilter));
    this.broadcaster.add(subscriber);
    res.once('close', () => this.broadcaster.remove(subscriber));
    // The client may have left before the listener was there: "close" has then been emitted already.
    if (res.destroyed) this.broadcaster.remove(subscriber);
    try {
      subscriber.start(await this.readHead(subscriber.filter, lastEventId));
    } catch (err) {
      this.broadcaster.remove(subscriber);
      throw err;
    }
  }

  private async readHead(filter: JobEventFilter, lastEventId?: string): Promise<StreamHead> {
    // A cursor too old (or unknown) to replay gets a fresh snapshot instead.
    const replay = lastEventId ? await this.bus.since(lastEventId) : undefined;
    if (lastEventId && replay) return { cursor: cursorOf(lastEventId) ?? -1n, events: replay.map(outgoing) };
    const cursor = this.bus.currentCursor();
    const since = new Date(Date.now() - SNAPSHOT_WINDOW_MS).toISOString();
    const jobs = (await this.store.snapshot(since, SNAPSHOT_LIMIT)).filter((j) => filter.matchesJob(j));
    return { cursor: cursorOf(cursor) ?? -1n, snapshot: snapshotFrame(cursor, jobs), events: [] };
  }
}
