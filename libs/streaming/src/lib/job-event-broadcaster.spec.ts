import { Registry } from 'prom-client';
import { parseConfig } from '@atelier/platform';
import { MemoryEventBus } from '@atelier/jobs';
import { cursorOf, outgoing } from './event-batch';
import { BUSY_EVENTS_PER_SECOND, BUSY_FLUSH_EVENTS, BUSY_FLUSH_GAP_MS, FLUSH_GAP_MS, JobEventBroadcaster } from './job-event-broadcaster';
import { StreamMetrics } from './stream-metrics';
import { JobEventFilter, type StreamFilter } from './job-event-filter';
import { JobStreamSubscriber, MAX_UNSENT_BYTES } from './job-stream-subscriber';
import { PING_FRAME } from './sse-frames';
import { FakeSink } from './testing/fake-sink';
import { aJob } from './testing/jobs';

const HEARTBEAT_MS = 1000;

describe('JobEventBroadcaster', () => {
  let bus: MemoryEventBus;
  let broadcaster: JobEventBroadcaster;
  let registry: Registry;

  beforeEach(() => {
    jest.useFakeTimers();
    bus = new MemoryEventBus(100);
    registry = new Registry();
    broadcaster = new JobEventBroadcaster(bus, parseConfig({ SSE_HEARTBEAT_MS: String(HEARTBEAT_MS) }), new StreamMetrics(registry));
    broadcaster.onModuleInit();
  });
  afterEach(() => {
    broadcaster.onModuleDestroy();
    jest.useRealTimers();
  });

  /** A stream whose (empty) head is out, so it is live. */
  const liveStream = (filter: StreamFilter = {}, http11 = false) => {
    const sink = new FakeSink(http11);
    const subscriber = new JobStreamSubscriber(sink, new JobEventFilter(filter));
    broadcaster.add(subscriber);
    subscriber.start({ cursor: cursorOf(bus.currentCursor()) ?? -1n, events: [] });
    sink.chunks.length = 0;
    return { sink, subscriber };
  };
  const update = (job_id: string, over: Parameters<typeof aJob>[0] = {}) => bus.publish({ event: 'job.updated', data: aJob({ job_id, ...over }) });

  it('writes the events of one flush as one Buffer, the same one for every unfiltered stream', async () => {
    const a = liveStream();
    const b = liveStream();
    await update('j1');
    await update('j2');
    await update('j3');
    expect(a.sink.chunks).toHaveLength(0);

    jest.advanceTimersByTime(1);
    expect(a.sink.chunks).toHaveLength(1);
    expect(b.sink.chunks[0]).toBe(a.sink.chunks[0]);
    expect(a.sink.text().match(/"job_id":"(j\d)"/g)).toEqual(['"job_id":"j1"', '"job_id":"j2"', '"job_id":"j3"']);
  });

  it('writes a shared batch to the socket of a chunked response as one HTTP chunk, framed once', async () => {
    const a = liveStream({}, true);
    const b = liveStream({}, true);
    const http10 = liveStream();
    const filtered = liveStream({ jobId: 'j1' }, true);
    await update('j1');
    await update('j2');
    jest.advanceTimersByTime(1);

    expect(a.sink.chunks).toHaveLength(0);
    expect(b.sink.socketChunks[0]).toBe(a.sink.socketChunks[0]);
    const chunk = a.sink.socketChunks[0].toString();
    const sizeLineEnd = chunk.indexOf('\r\n');
    expect(chunk.slice(sizeLineEnd + 2)).toBe(`${http10.sink.text()}\r\n`);
    expect(Number.parseInt(chunk.slice(0, sizeLineEnd), 16)).toBe(http10.sink.chunks[0].length);
    // A filtered stream's own selection goes through the response, which frames it.
    expect(filtered.sink.socketChunks).toHaveLength(0);
    expect(filtered.sink.ids()).toHaveLength(1);
  });

  it('sends an event at once after a quiet spell, and coalesces those that follow it within the gap', async () => {
    const { sink } = liveStream();
    await update('j1');
    jest.advanceTimersByTime(0);
    expect(sink.chunks).toHaveLength(1);

    await update('j2');
    await update('j3');
    jest.advanceTimersByTime(FLUSH_GAP_MS - 1);
    expect(sink.chunks).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(sink.chunks).toHaveLength(2);
    expect(sink.ids()).toHaveLength(3);
  });

  it('times each event from its publication to its flush and to the last write of that flush, in the metrics registry', async () => {
    liveStream();
    liveStream();
    await update('j1');
    jest.advanceTimersByTime(0);
    await update('j2');
    jest.advanceTimersByTime(5);
    await update('j3');
    jest.advanceTimersByTime(FLUSH_GAP_MS - 5);

    const observed = async (name: string) => {
      // A histogram's values name their series (`_bucket`, `_sum`, `_count`); prom-client's type leaves that out.
      const { values } = (await registry.getSingleMetric(name)!.get()) as { values: { metricName?: string; value: number }[] };
      const of = (suffix: string) => values.find((v) => v.metricName === `${name}${suffix}`)!.value;
      return { count: of('_count'), sum: of('_sum') };
    };
    // j1 went at once; j2 waited the whole gap, j3 the rest of it (the fake clock does not move during the writes).
    const toFlush = await observed('atelier_sse_publish_to_flush_seconds');
    expect(toFlush.count).toBe(3);
    expect(toFlush.sum).toBeCloseTo((FLUSH_GAP_MS + FLUSH_GAP_MS - 5) / 1000, 6);
    expect(await observed('atelier_sse_publish_to_last_write_seconds')).toEqual(toFlush);
    expect(await observed('atelier_sse_flush_to_last_write_seconds')).toEqual({ count: 2, sum: 0 });
  });

  it('sends a filtered stream only its events, in one write per flush', async () => {
    const byJob = liveStream({ jobId: 'p' });
    const failed = liveStream({ statuses: ['failed'] });
    await update('p');
    await update('c', { parent_id: 'p' });
    await update('other', { status: 'failed' });
    await bus.publish({ event: 'job.deleted', data: { job_id: 'c' } });
    jest.advanceTimersByTime(1);

    expect(byJob.sink.chunks).toHaveLength(1);
    expect(byJob.sink.text().match(/^event: .*$/gm)).toEqual(['event: job.updated', 'event: job.updated', 'event: job.deleted']);
    expect(byJob.sink.text()).not.toContain('"other"');
    expect(failed.sink.text()).toContain('"job_id":"other"');
    expect(failed.sink.ids()).toHaveLength(1);
  });

  it('holds the events of a stream whose head is not out, and sends those the head did not cover after it', async () => {
    const sink = new FakeSink();
    const subscriber = new JobStreamSubscriber(sink, new JobEventFilter({}));
    broadcaster.add(subscriber);
    await update('j1');
    const coveredBySnapshot = bus.currentCursor();
    await update('j2');
    jest.advanceTimersByTime(1);
    expect(sink.chunks).toHaveLength(0);

    const snapshot = Buffer.from('event: snapshot\nid: s\ndata: {}\n\n');
    subscriber.start({ cursor: BigInt(coveredBySnapshot), snapshot, events: [] });
    expect(sink.status).toBe(200);
    // The shared snapshot goes out as it is (not copied), between the stream's opening line and the events.
    expect(sink.chunks[1]).toBe(snapshot);
    expect(sink.text().startsWith('\nevent: snapshot\n')).toBe(true);
    expect(sink.ids()).toEqual(['s', String(BigInt(coveredBySnapshot) + 1n)]);
  });

  it('does not send again the events that a replay has sent already', async () => {
    liveStream();
    const before = bus.currentCursor();
    await update('j1');
    await update('j2');
    // Replayed while the broadcaster still holds j1 and j2 for its next flush.
    const replayed = (await bus.since(before))!;
    const sink = new FakeSink();
    const subscriber = new JobStreamSubscriber(sink, new JobEventFilter({}));
    broadcaster.add(subscriber);
    subscriber.start({ cursor: BigInt(before), events: replayed.map(outgoing) });
    await update('j3');
    jest.advanceTimersByTime(1);

    expect(sink.ids()).toEqual([...replayed.map((e) => e.id), bus.currentCursor()]);
  });

  it("coalesces a job's progress within a busy flush, and sends a batch's children's progress only to a stream following the batch", async () => {
    const panel = liveStream({}, true);
    const following = liveStream({ jobId: 'batch' }, true);
    await update('batch', { type: 'batch', child_ids: ['c1'] });
    jest.advanceTimersByTime(1);
    for (let step = 1; step <= BUSY_FLUSH_EVENTS + 1; step++) await update('c1', { parent_id: 'batch', progress: step / 100 });
    jest.advanceTimersByTime(FLUSH_GAP_MS);
    await update('c1', { parent_id: 'batch', progress: 0.5 });
    jest.advanceTimersByTime(FLUSH_GAP_MS);
    // A busy flush makes the next one wait longer.
    expect(following.sink.ids()).toHaveLength(2);
    jest.advanceTimersByTime(BUSY_FLUSH_GAP_MS - FLUSH_GAP_MS);

    expect(following.sink.ids()).toHaveLength(3);
    expect(following.sink.text()).not.toContain('"progress":0.01');
    expect(following.sink.text()).toContain(`"progress":${(BUSY_FLUSH_EVENTS + 1) / 100}`);
    // The console's stream had the batch and the child's first state; the next step alone left it nothing to send (no empty HTTP chunk, which would end it).
    expect(panel.sink.socketChunks).toHaveLength(2);
    expect(panel.sink.socketChunks.every((c) => !c.toString().startsWith('0\r\n'))).toBe(true);
  });

  it('coalesces also while many events a second arrive a few at a time', async () => {
    const { sink } = liveStream();
    const rounds = BUSY_EVENTS_PER_SECOND;
    for (let i = 0; i < rounds; i++) {
      await update('j1', { progress: i / 100 });
      await update('j1', { progress: i / 100 + 0.001 });
      await update('j2');
      jest.advanceTimersByTime(FLUSH_GAP_MS);
    }
    jest.advanceTimersByTime(BUSY_FLUSH_GAP_MS);
    // The first windows carried both steps of j1; once past the rate, only its latest of each window.
    expect(sink.text()).toContain('"progress":0}');
    expect(sink.text()).not.toContain(`"progress":${(rounds - 1) / 100}}`);
    expect(sink.text()).toContain(`"progress":${(rounds - 1) / 100 + 0.001}}`);
    expect(sink.ids().length).toBeLessThan(3 * rounds);
  });

  it('drops a stream whose client leaves more than the limit unread, and keeps serving the others', async () => {
    const slow = liveStream();
    const fast = liveStream();
    slow.sink.writableLength = MAX_UNSENT_BYTES + 1;
    await update('j1');
    jest.advanceTimersByTime(1);

    expect(slow.sink.destroyed).toBe(true);
    expect(slow.sink.chunks).toHaveLength(0);
    expect(fast.sink.chunks).toHaveLength(1);
    await update('j2');
    jest.advanceTimersByTime(FLUSH_GAP_MS);
    expect(slow.sink.chunks).toHaveLength(0);
  });

  it('stops sending to a stream once it is removed, and holds one bus subscription however many streams are open', async () => {
    const streams = Array.from({ length: 50 }, () => liveStream());
    expect(broadcaster.size).toBe(50);
    expect(bus.subscriberCount()).toBe(1);
    streams.slice(1).forEach((s) => broadcaster.remove(s.subscriber));
    expect(broadcaster.size).toBe(1);
    await update('j1');
    jest.advanceTimersByTime(1);

    expect(streams[0].sink.chunks).toHaveLength(1);
    expect(streams[1].sink.chunks).toHaveLength(0);
  });

  it('pings every live stream each heartbeat', () => {
    const { sink } = liveStream();
    const waiting = new FakeSink();
    broadcaster.add(new JobStreamSubscriber(waiting, new JobEventFilter({})));
    jest.advanceTimersByTime(HEARTBEAT_MS);

    expect(sink.chunks).toEqual([PING_FRAME]);
    expect(waiting.chunks).toHaveLength(0);
  });

  it('ends every stream and lets go of the bus when the module stops', async () => {
    const { sink } = liveStream();
    await update('j1');
    broadcaster.onModuleDestroy();

    expect(sink.ids()).toHaveLength(1);
    expect(sink.ended).toBe(true);
    expect(broadcaster.size).toBe(0);
    expect(bus.subscriberCount()).toBe(0);
  });
});
