import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { Subject, type Observable } from 'rxjs';
import { jobIdOf, type JobEvent } from '@atelier/contracts';
import { JobEventBus, jobIdMarker, type NewJobEvent } from '@atelier/jobs';
import { pipelinedRedisOptionsOf, redisOptionsOf } from '../connections/redis-options';
import { compareStreamIds, cursorOfStreamId, streamIdOfCursor } from './stream-ids';

type StreamEntry = [id: string, fields: string[]];

const READ_BLOCK_MS = 5_000;
const READ_COUNT = 500;

/**
 * Job events across processes: every publisher XADDs to one Redis Stream (bounded by MAXLEN ~),
 * and every node tails it with XREAD into its local Subject, so a console on any node sees
 * every worker's progress. Event ids are the stream ids as decimal cursors; Last-Event-ID
 * replay is an XRANGE, refused (→ snapshot) when the cursor's entry is no longer retained.
 * The writer is auto-pipelined: the XADDs that many jobs make in one event-loop turn share a
 * write, in call order, and each publish() still resolves only once its entry is in the stream.
 */
export class RedisStreamEventBus extends JobEventBus {
  private readonly logger = new Logger('RedisStreamEventBus');
  private readonly subject = new Subject<JobEvent>();
  readonly events$: Observable<JobEvent> = this.subject.asObservable();
  private readonly key: string;
  private readonly writer: Redis;
  private reader?: Redis;
  private lastId = '0-0';
  private running = false;
  private loop?: Promise<void>;

  constructor(
    private readonly url: string,
    prefix: string,
    private readonly maxLen: number,
  ) {
    super();
    this.key = `${prefix}:events`;
    this.writer = new Redis(pipelinedRedisOptionsOf(url));
    this.writer.on('error', () => undefined);
  }

  /** Starts tailing the stream from its newest entry (a marker is added so an empty stream still has a cursor). */
  async start(): Promise<void> {
    if (this.running) return;
    const newest = (await this.writer.xrevrange(this.key, '+', '-', 'COUNT', 1)) as StreamEntry[];
    this.lastId = newest[0]?.[0] ?? (await this.addMarker());
    this.reader = new Redis(redisOptionsOf(this.url));
    this.reader.on('error', () => undefined);
    this.running = true;
    this.loop = this.tail();
  }

  async publish(event: NewJobEvent): Promise<void> {
    await this.writer.xadd(this.key, 'MAXLEN', '~', String(this.maxLen), '*', 'e', JSON.stringify(event));
  }

  async since(cursor: string): Promise<JobEvent[] | undefined> {
    const after = streamIdOfCursor(cursor);
    if (!after) return undefined;
    const [first] = (await this.writer.xrange(this.key, '-', '+', 'COUNT', 1)) as StreamEntry[];
    const [newest] = (await this.writer.xrevrange(this.key, '+', '-', 'COUNT', 1)) as StreamEntry[];
    // Replay only when the cursor's entry (or an older one) is still retained, so nothing after it was trimmed,
    // and when it is not from the future (a stream that Redis lost and started again).
    if (!first || !newest || compareStreamIds(after, first[0]) < 0 || compareStreamIds(after, newest[0]) > 0) return undefined;
    const out: JobEvent[] = [];
    for (let from = after; ; ) {
      const page = (await this.writer.xrange(this.key, `(${from}`, '+', 'COUNT', READ_COUNT)) as StreamEntry[];
      for (const entry of page) {
        const event = toEvent(entry);
        if (event) out.push(event);
      }
      if (page.length < READ_COUNT) return out;
      from = page[page.length - 1][0];
    }
  }

  currentCursor(): string {
    return cursorOfStreamId(this.lastId);
  }

  /** Reads the retained stream newest first, a page at a time; only entries that mention the job are parsed. */
  async latestOf(jobId: string): Promise<JobEvent | undefined> {
    const marker = jobIdMarker(jobId);
    for (let before = '+'; ; ) {
      const page = (await this.writer.xrevrange(this.key, before, '-', 'COUNT', READ_COUNT)) as StreamEntry[];
      for (const entry of page) {
        if (!entry[1].some((field) => field.includes(marker))) continue;
        const event = toEvent(entry);
        if (event && jobIdOf(event) === jobId) return event;
      }
      if (page.length < READ_COUNT) return undefined;
      before = `(${page[page.length - 1][0]}`;
    }
  }

  async ping(): Promise<void> {
    await this.writer.ping();
  }

  async close(): Promise<void> {
    this.running = false;
    this.reader?.disconnect();
    await this.loop?.catch(() => undefined);
    this.writer.disconnect();
    this.subject.complete();
  }

  private async addMarker(): Promise<string> {
    return (await this.writer.xadd(this.key, 'MAXLEN', '~', String(this.maxLen), '*', 'marker', 'start'))!;
  }

  private async tail(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const res = (await this.reader!.xread('COUNT', READ_COUNT, 'BLOCK', READ_BLOCK_MS, 'STREAMS', this.key, this.lastId)) as
          | [string, StreamEntry[]][]
          | null;
        failures = 0;
        for (const [, entries] of res ?? []) {
          for (const entry of entries) {
            this.lastId = entry[0];
            const event = toEvent(entry);
            if (event) this.subject.next(event);
          }
        }
      } catch (err) {
        if (!this.running) return;
        if (failures++ === 0) this.logger.warn(`Reading the event stream failed (${(err as Error).message}); retrying`);
        await new Promise((r) => setTimeout(r, Math.min(100 * failures, 1000)));
      }
    }
  }
}

function toEvent([id, fields]: StreamEntry): JobEvent | undefined {
  const i = fields.indexOf('e');
  if (i < 0 || i % 2 !== 0) return undefined;
  // The parsed object is fresh, so the cursor is set on it rather than on a copy (every node parses every event).
  return Object.assign(JSON.parse(fields[i + 1]) as NewJobEvent, { id: cursorOfStreamId(id) }) as JobEvent;
}
