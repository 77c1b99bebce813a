import { isFinished, isJobDataEvent, type Job } from '@atelier/contracts';
import type { JobEngine } from '../lib/engine/job-engine';

/** Resolves with the job once `predicate` holds: subscribes to events first, then checks the store; no polling. */
export function waitForJob(engine: JobEngine, id: string, predicate: (job: Job) => boolean, ms = 10_000): Promise<Job> {
  return new Promise<Job>((resolve, reject) => {
    let done = false;
    const finish = (job?: Job, err?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sub.unsubscribe();
      if (job) resolve(job);
      else reject(err);
    };
    const timer = setTimeout(() => {
      engine.jobs.get(id).then(
        (j) => finish(undefined, new Error(`job ${id} did not reach the expected state in ${ms} ms; it is ${j.status} (${j.step_label})`)),
        (e: Error) => finish(undefined, e),
      );
    }, ms);
    const sub = engine.bus.events$.subscribe((e) => {
      if (isJobDataEvent(e) && e.data.job_id === id && predicate(e.data)) finish(e.data);
    });
    engine.store.get(id).then((now) => now && predicate(now) && finish(now), (e: Error) => finish(undefined, e));
  });
}

export const ended = (job: Job) => isFinished(job.status);
export const hasStatus = (status: Job['status']) => (job: Job) => job.status === status;

/** A promise with its resolve function, to hold a handler until the test lets it go. */
export function gate<T = void>(): { promise: Promise<T>; open: (value: T) => void } {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}

/** Resolves with the stored job once `predicate` holds, polling the store: for states no event announces. */
export async function waitForStored(engine: JobEngine, id: string, predicate: (job: Job) => boolean, ms = 10_000): Promise<Job> {
  const deadline = Date.now() + ms;
  for (;;) {
    const job = await engine.jobs.get(id);
    if (predicate(job)) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} did not reach the expected state in ${ms} ms; it is ${job.status}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Resolves once `condition` holds, checking every 10 ms: for in-process states no event announces. */
export async function waitUntil(condition: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
