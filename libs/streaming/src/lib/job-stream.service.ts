import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@atelier/platform';
import { JobEventBus, JobStore } from '@atelier/jobs';
import { cursorOf, outgoing } from './event-batch';
import { JobEventBroadcaster } from './job-event-broadcaster';
import { JobEventFilter, type StreamFilter } from './job-event-filter';
import { JobStreamSubscriber, type StreamHead, type StreamSink } from './job-stream-subscriber';
import { HeadWrites } from './head-writes';
import { DEFAULT_SNAPSHOT_LIMITS, JobSnapshotReader } from './snapshot/job-snapshot-reader';
import { SharedSnapshots } from './snapshot/shared-snapshots';
import { snapshotFrame } from './sse-frames';

/**
 * Opens one client's stream: a snapshot (or a Last-Event-ID replay), then live events in order
 * from the broadcaster. The stream is registered before its head is read, so nothing published
 * meanwhile is lost; what the head already covers is dropped by id.
 */
@Injectable()
export class JobStreamService {
  private readonly reader: JobSnapshotReader;
  private readonly snapshots: SharedSnapshots;
  /** The starts of streams (headers, snapshot, first events): a storm's snapshots are written a few at a time. */
  private readonly heads = new HeadWrites();

  constructor(
    private readonly bus: JobEventBus,
    store: JobStore,
    private readonly broadcaster: JobEventBroadcaster,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.reader = new JobSnapshotReader(store, { ...DEFAULT_SNAPSHOT_LIMITS, finished: config.values.sseSnapshotFinished });
    this.snapshots = new SharedSnapshots(bus, this.reader);
  }

  /**
   * Streams to `res` until the client leaves. Nothing is written before the head is read, so when
   * reading it fails the error still reaches the exception filter (a problem+json answer).
   */
  async open(res: StreamSink, streamFilter: StreamFilter, lastEventId?: string): Promise<void> {
    const subscriber = new JobStreamSubscriber(res, new JobEventFilter(streamFilter));
    const registeredAt = performance.now();
    this.broadcaster.add(subscriber);
    res.once('close', () => this.broadcaster.remove(subscriber));
    // The client may have left before the listener was there: "close" has then been emitted already.
    if (res.destroyed) this.broadcaster.remove(subscriber);
    try {
      const head = await this.readHead(subscriber.filter, streamFilter, registeredAt, lastEventId);
      await this.heads.write(res, () => subscriber.start(head));
    } catch (err) {
      this.broadcaster.remove(subscriber);
      throw err;
    }
  }

  private async readHead(filter: JobEventFilter, streamFilter: StreamFilter, registeredAt: number, lastEventId?: string): Promise<StreamHead> {
    // A cursor too old (or unknown) to replay gets a fresh snapshot instead.
    const replay = lastEventId ? await this.bus.since(lastEventId) : undefined;
    if (lastEventId && replay) return { cursor: cursorOf(lastEventId) ?? -1n, events: replay.map(outgoing) };
    if (streamFilter.jobId) {
      const cursor = this.bus.currentCursor();
      const jobs = (await this.reader.readFamily(streamFilter.jobId)).filter((j) => filter.matchesJob(j));
      return { cursor: cursorOf(cursor) ?? -1n, snapshot: snapshotFrame(cursor, { jobs }), events: [] };
    }
    return this.sharedHead(filter, registeredAt);
  }

  /**
   * The shared snapshot, plus the events since its cursor when its read began before this stream was
   * registered (the broadcaster hands the stream only what it publishes later).
   */
  private async sharedHead(filter: JobEventFilter, registeredAt: number): Promise<StreamHead> {
    let shared = await this.snapshots.get();
    let events = shared.startedAt >= registeredAt || shared.cursor === this.bus.currentCursor() ? [] : await this.bus.since(shared.cursor);
    if (!events) {
      // Too many events since that read to replay them: a read that begins after the registration needs none.
      shared = await this.snapshots.getSince(registeredAt);
      events = [];
    }
    const { snapshot, cursor } = shared;
    const frame = filter.passesEverything ? shared.frame : snapshotFrame(cursor, { ...snapshot, jobs: snapshot.jobs.filter((j) => filter.matchesJob(j)) });
    return { cursor: cursorOf(cursor) ?? -1n, snapshot: frame, events: events.map(outgoing) };
  }
}
