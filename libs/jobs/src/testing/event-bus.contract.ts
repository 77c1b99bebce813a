/**
 * The event bus's contract suite: the same cases run against every JobEventBus driver (the
 * embedded MemoryEventBus, the Redis Stream bus, the PostgreSQL bus), so cursors, order, replay
 * and look-ups mean the same whichever one a deployment runs.
 */
import { firstValueFrom, take, timeout, toArray } from 'rxjs';
import { jobIdOf, type Job, type JobEvent } from '@atelier/contracts';
import type { JobEventBus, NewJobEvent } from '../lib/ports/job-event-bus.port';

export interface EventBusUnderTest {
  bus: JobEventBus;
  close(): Promise<void>;
}

/** Starts a bus in a namespace of its own (fresh schema, key prefix) that retains `retain` events for replay. */
export type EventBusFactory = (options: { retain: number }) => Promise<EventBusUnderTest>;

// More than one page of the PostgreSQL bus (1000 rows), and past ids 9→10, 99→100 and 999→1000 on a bus whose ids start at 1.
const BACKLOG = 1_205;
const DEADLINE_MS = 90_000;

export function describeEventBusContract(name: string, makeBus: EventBusFactory): void {
  describe(`event bus contract: ${name}`, () => {
    let current: EventBusUnderTest | undefined;
    const start = async (retain = 10_000) => {
      current = await makeBus({ retain });
      return current.bus;
    };
    afterEach(async () => {
      await current?.close();
      current = undefined;
    });

    it('starts in a fresh namespace with nothing to replay, then carries what is published', async () => {
      const bus = await start();
      const from = bus.currentCursor();
      expect(await bus.since(from)).toEqual([]);
      const received = nextEvents(bus, 1);
      await bus.publish(progress('j1', 0));
      const [event] = await received;
      expect(event).toMatchObject({ event: 'job.updated', data: { job_id: 'j1', current_step: 0 } });
      expect(await bus.since(from)).toEqual([event]);
    });

    it('gives strictly increasing ids and delivers in publish order, across 9→10, 99→100 and 999→1000', async () => {
      const bus = await start();
      const received = nextEvents(bus, BACKLOG);
      await publishSteps(bus, 'j1', BACKLOG);
      expect(disorderOf(await received, BACKLOG)).toBeUndefined();
    });

    it('replays every event after a cursor, in order and once, for a backlog of more than a page', async () => {
      const bus = await start();
      const before = bus.currentCursor();
      const received = nextEvents(bus, BACKLOG);
      await publishSteps(bus, 'j1', BACKLOG);
      const live = await received;

      const replayed = (await bus.since(before)) ?? [];
      expect(disorderOf(replayed, BACKLOG)).toBeUndefined();
      expect(idsOf(replayed)).toEqual(idsOf(live));
      expect(idsOf((await bus.since(live[99].id)) ?? [])).toEqual(idsOf(live.slice(100)));
      expect(await bus.since(live[BACKLOG - 1].id)).toEqual([]);
    });

    it('gives publishes issued together distinct increasing ids, and replays them as they were delivered', async () => {
      const bus = await start();
      const before = bus.currentCursor();
      const received = nextEvents(bus, BACKLOG);
      await Promise.all(Array.from({ length: BACKLOG }, (_, i) => bus.publish(progress(`j${i}`, i))));
      const live = await received;

      expect(idDisorderOf(live)).toBeUndefined();
      expect(new Set(live.map((e) => jobIdOf(e))).size).toBe(BACKLOG);
      expect(idsOf((await bus.since(before)) ?? [])).toEqual(idsOf(live));
    });

    it('answers undefined for a cursor whose events were trimmed, one from the future, or one that is not a cursor', async () => {
      const retain = 100;
      const bus = await start(retain);
      const before = bus.currentCursor();
      const received = nextEvents(bus, retain * 5);
      await publishSteps(bus, 'j1', retain * 5);
      const live = await received;

      expect(await bus.since(before)).toBeUndefined();
      expect(await bus.since(live[0].id)).toBeUndefined();
      expect(idsOf((await bus.since(live[retain * 5 - 51].id)) ?? [])).toEqual(idsOf(live.slice(-50)));
      const newest = live[retain * 5 - 1].id;
      expect(await bus.since(newest)).toEqual([]);
      expect(await bus.since((BigInt(newest) + 1_000n).toString())).toBeUndefined();
      for (const notACursor of ['', 'abc', '-1', '1.5', `${newest} `]) expect(await bus.since(notACursor)).toBeUndefined();
    });

    it("answers a job's newest event, past other jobs' events that mention it, and nothing for a job it never saw", async () => {
      const bus = await start();
      const others = 1_100;
      const received = nextEvents(bus, 2 + others + 1);
      await bus.publish(progress('target', 1));
      await bus.publish({ event: 'job.completed', data: job('target', { status: 'completed', current_step: 2 }) });
      for (let i = 0; i < others; i++) await bus.publish(progress(`other-${i}`, i, { depends_on: ['target'] }));
      await bus.publish(progress('target-2', 1));
      const live = await received;

      expect(await bus.latestOf('target')).toEqual(live[1]);
      expect(await bus.latestOf('target-2')).toEqual(live[live.length - 1]);
      expect(await bus.latestOf(`other-${others - 1}`)).toEqual(live[live.length - 2]);
      expect(await bus.latestOf('never-published')).toBeUndefined();
    });
  });
}

function job(job_id: string, fields: Partial<Job> = {}): Job {
  return { job_id, status: 'running', current_step: 0, ...fields } as Job;
}

function progress(job_id: string, step: number, fields: Partial<Job> = {}): NewJobEvent {
  return { event: 'job.updated', data: job(job_id, { current_step: step, ...fields }) };
}

/** Publishes steps 0…count-1 of one job, each after the previous one is in. */
async function publishSteps(bus: JobEventBus, jobId: string, count: number): Promise<void> {
  for (let step = 0; step < count; step++) await bus.publish(progress(jobId, step));
}

/** The next `count` events of `events$` (subscribed now), failing after a generous deadline rather than hanging. */
function nextEvents(bus: JobEventBus, count: number): Promise<JobEvent[]> {
  return firstValueFrom(bus.events$.pipe(take(count), toArray(), timeout(DEADLINE_MS)));
}

function idsOf(events: JobEvent[]): string[] {
  return events.map((e) => e.id);
}

function around(events: JobEvent[], i: number): string {
  return `ids around it: ${idsOf(events.slice(Math.max(0, i - 3), i + 3)).join(', ')}`;
}

/** Where ids stop strictly increasing (a readable failure), or undefined. */
function idDisorderOf(events: JobEvent[]): string | undefined {
  const i = events.findIndex((e, k) => k > 0 && BigInt(e.id) <= BigInt(events[k - 1].id));
  return i < 0 ? undefined : `event #${i} has id ${events[i].id} after ${events[i - 1].id}; ${around(events, i)}`;
}

/** Where `events` stops being steps 0…count-1 of one job with strictly increasing ids (a readable failure), or undefined. */
function disorderOf(events: JobEvent[], count: number): string | undefined {
  if (events.length !== count) return `${events.length} events, not ${count}`;
  const i = events.findIndex((e, k) => (e.data as Job).current_step !== k);
  if (i >= 0) return `event #${i} (id ${events[i].id}) is step ${(events[i].data as Job).current_step}, not ${i}; ${around(events, i)}`;
  return idDisorderOf(events);
}
