/**
 * The Redis Stream bus on the machine's real Redis: publishes issued together leave in one
 * auto-pipelined write, and must still reach the stream, and every node, in the order they were made.
 */
import { firstValueFrom, take, toArray } from 'rxjs';
import type { Job } from '@atelier/contracts';
import type { NewJobEvent } from '@atelier/jobs';
import { REDIS_URL, dropTestNamespaces, testNamespace } from '../../testing/test-namespace';
import { RedisStreamEventBus } from './redis-stream-event-bus';

const ns = testNamespace('redis');
let bus: RedisStreamEventBus;

beforeEach(async () => {
  bus = new RedisStreamEventBus(REDIS_URL, ns.prefix, 1_000);
  await bus.start();
});
afterEach(() => bus.close());
afterAll(() => dropTestNamespaces([ns]), 30_000);

function progressEvent(step: number): NewJobEvent {
  const job = { job_id: 'j1', status: 'running', current_step: step } as Job;
  return { event: 'job.updated', data: job };
}

it('keeps the order of publishes issued in the same turn, in the stream and on events$', async () => {
  const from = bus.currentCursor();
  const steps = Array.from({ length: 50 }, (_, i) => i);
  const received = firstValueFrom(bus.events$.pipe(take(steps.length), toArray()));

  await Promise.all(steps.map((step) => bus.publish(progressEvent(step))));

  const stepsOf = (events: { data: unknown }[]) => events.map((e) => (e.data as Job).current_step);
  expect(stepsOf((await bus.since(from)) ?? [])).toEqual(steps);
  expect(stepsOf(await received)).toEqual(steps);
});

it("finds a job's newest event behind pages of other jobs' events, and nothing for a job it never saw", async () => {
  const job = (job_id: string, status: Job['status']) => ({ job_id, status }) as Job;
  await bus.publish({ event: 'job.updated', data: job('target', 'running') });
  await bus.publish({ event: 'job.completed', data: job('target', 'completed') });
  // More than two pages of XREVRANGE after it; one of them names the target elsewhere than in job_id.
  await Promise.all(Array.from({ length: 900 }, (_, i) => bus.publish({ event: 'job.updated', data: { ...job(`other-${i}`, 'running'), depends_on: ['target'] } })));
  expect(await bus.latestOf('target')).toMatchObject({ event: 'job.completed', data: { job_id: 'target' } });
  expect(await bus.latestOf('never-published')).toBeUndefined();
});
