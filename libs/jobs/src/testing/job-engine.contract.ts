/**
 * The engine's contract suite: the same cases run against every driver set (embedded SQLite +
 * in-process dispatcher; PostgreSQL + BullMQ), so the drivers cannot drift.
 */
import type { Job } from '@atelier/contracts';
import { JobFailure, UpstreamError } from '@atelier/platform';
import { JobEngine } from '../lib/engine/job-engine';
import type { JobStore } from '../lib/ports/job-store.port';
import type { JobEventBus } from '../lib/ports/job-event-bus.port';
import type { JobDispatcher } from '../lib/ports/job-dispatcher.port';
import { BehaviourBook, fakeHandlers } from './fake-handlers';
import { ended, gate, hasStatus, waitForJob } from './wait';

export interface EngineDrivers {
  store: JobStore;
  bus: JobEventBus;
  dispatcher: JobDispatcher;
  close(): Promise<void>;
  /** Opens new drivers over the same database (after close()), as a restarted process would. */
  reopen(): Promise<EngineDrivers>;
}

export interface DriverOptions {
  concurrency: number;
  typeConcurrency: Record<string, number>;
}

export interface ContractOptions {
  /** Whether this driver set recovers crashed jobs by a boot scan (embedded) rather than by its queue. */
  bootRecovery: boolean;
}

const config = { jobMaxAttempts: 3, jobTimeoutMs: 5_000, retryBaseDelayMs: 20, retentionDays: 7 };

export function describeJobEngineContract(
  name: string,
  makeDrivers: (options: DriverOptions) => Promise<EngineDrivers>,
  contract: ContractOptions,
): void {
  describe(`job engine contract: ${name}`, () => {
    let drivers: EngineDrivers;
    let engine: JobEngine;
    let book: BehaviourBook;

    async function boot(options: Partial<DriverOptions> = {}, engineConfig: Partial<typeof config> = {}): Promise<void> {
      drivers = await makeDrivers({ concurrency: options.concurrency ?? 4, typeConcurrency: options.typeConcurrency ?? {} });
      book = new BehaviourBook();
      engine = new JobEngine({ ...drivers, handlers: fakeHandlers(book), config: { ...config, ...engineConfig } });
      await engine.startWorkers({ recover: contract.bootRecovery });
    }

    const analyze = (analyzer: string, extra: Partial<Parameters<JobEngine['jobs']['create']>[0]> = {}) =>
      engine.jobs.create({ type: 'analyze', title: `${analyzer} analysis`, input: { analyzer, image_id: 'img' }, ...extra });

    afterEach(async () => {
      await engine?.stop(0);
      await drivers?.close();
    });

    describe('lifecycle', () => {
      beforeEach(() => boot());

      it('runs a job to completion with progress and ordered events', async () => {
        book.define('steps', async (ctx) => {
          await ctx.progress(1, 2, 'first');
          await ctx.progress(2, 2, 'second');
          return { colour: 'red' };
        });
        const events: string[] = [];
        const sub = engine.bus.events$.subscribe((e) => events.push(`${e.event}:${e.event === 'job.deleted' ? '' : e.data.status}:${e.id}`));
        const job = await analyze('steps');
        expect(job.status).toBe('queued');
        const done = await waitForJob(engine, job.job_id, ended);
        sub.unsubscribe();
        expect(done.status).toBe('completed');
        expect(done.progress).toBe(1);
        expect(done.attempts).toBe(1);
        expect(done.result).toEqual({ preset_id: `preset-of-${job.job_id}`, analyzer: 'steps', data: { colour: 'red' } });
        expect(done.started_at).not.toBeNull();
        expect(done.finished_at).not.toBeNull();
        const names = events.map((e) => e.split(':').slice(0, 2).join(':'));
        expect(names[0]).toBe('job.created:queued');
        expect(names[names.length - 1]).toBe('job.completed:completed');
        expect(names).toContain('job.updated:running');
        const ids = events.map((e) => BigInt(e.split(':')[2]));
        expect([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(ids);
      });

      it('never lowers progress while a job runs', async () => {
        const seen: number[] = [];
        book.define('wobbly', async (ctx) => {
          await ctx.progress(3, 4, 'far');
          await ctx.progress(1, 4, 'back?');
          return {};
        });
        const job = await analyze('wobbly');
        const sub = engine.bus.events$.subscribe((e) => e.event === 'job.updated' && e.data.job_id === job.job_id && seen.push(e.data.progress));
        await waitForJob(engine, job.job_id, ended);
        sub.unsubscribe();
        expect(seen.length).toBeGreaterThan(0);
        for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
      });

      it('refuses a second completion and a start of a cancelled job', async () => {
        const job = await analyze('plain');
        const done = await waitForJob(engine, job.job_id, ended);
        expect(await engine.lifecycle.complete(job.job_id, { result: { preset_id: 'other', analyzer: 'x', data: {} } })).toBe(false);
        expect((await engine.jobs.get(job.job_id)).result).toEqual(done.result);

        const blocker = gate();
        book.define('held', () => blocker.promise.then(() => ({})));
        const held = await analyze('held', { runAt: new Date(Date.now() + 60_000) });
        await engine.jobs.cancel(held.job_id);
        expect(await engine.lifecycle.start(held.job_id)).toBeUndefined();
        expect((await engine.jobs.get(held.job_id)).status).toBe('cancelled');
        blocker.open();
      });

      it('answers 409-style conflicts for impossible commands', async () => {
        const job = await analyze('plain');
        await waitForJob(engine, job.job_id, ended);
        await expect(engine.jobs.cancel(job.job_id)).rejects.toMatchObject({ status: 409 });
        await expect(engine.jobs.retry(job.job_id)).rejects.toMatchObject({ status: 409 });
        await expect(engine.jobs.get('00000000-0000-7000-8000-000000000000')).rejects.toMatchObject({ status: 404 });
      });
    });

    describe('scheduling', () => {
      it('runs higher priority first and FIFO within a priority', async () => {
        await boot({ concurrency: 1 });
        const blocker = gate();
        book.define('block', () => blocker.promise.then(() => ({})));
        const first = await analyze('block');
        await waitForJob(engine, first.job_id, hasStatus('running'));
        const low = await analyze('low', { priority: 0 });
        const highA = await analyze('high', { priority: 5 });
        const mid = await analyze('mid', { priority: 2 });
        const highB = await analyze('high', { priority: 5 });
        blocker.open();
        for (const j of [low, highA, mid, highB]) await waitForJob(engine, j.job_id, ended);
        expect(book.started).toEqual([first.job_id, highA.job_id, highB.job_id, mid.job_id, low.job_id]);
      });

      it('respects the global and the per-type concurrency caps', async () => {
        await boot({ concurrency: 3, typeConcurrency: { generate_thumbnail: 1 } });
        book.define('slow', (ctx) => new Promise((r) => setTimeout(() => r({}), 40 + (ctx.job.priority % 3))));
        const jobs = await Promise.all(Array.from({ length: 9 }, () => analyze('slow')));
        for (const j of jobs) await waitForJob(engine, j.job_id, ended);
        expect(book.maxRunning).toBe(3);
      });

      it('caps one type while others keep running', async () => {
        await boot({ concurrency: 4, typeConcurrency: { analyze: 1 } });
        book.define('slow', () => new Promise((r) => setTimeout(() => r({}), 30)));
        const jobs = await Promise.all(Array.from({ length: 4 }, () => analyze('slow')));
        for (const j of jobs) await waitForJob(engine, j.job_id, ended);
        expect(book.maxRunning).toBe(1);
      });

      it('waits for dependencies, and fails a job whose dependency failed', async () => {
        await boot();
        const hold = gate();
        book.define('first', () => hold.promise.then(() => ({})));
        const a = await analyze('first');
        const b = await analyze('second', { dependsOn: [a.job_id] });
        await waitForJob(engine, a.job_id, hasStatus('running'));
        expect((await engine.jobs.get(b.job_id)).status).toBe('queued');
        hold.open();
        await waitForJob(engine, b.job_id, hasStatus('completed'));
        expect(book.started.indexOf(b.job_id)).toBeGreaterThan(book.started.indexOf(a.job_id));

        book.define('broken', async () => {
          throw new JobFailure('no good', { retryable: false });
        });
        const c = await analyze('broken');
        const d = await analyze('after-broken', { dependsOn: [c.job_id] });
        const failed = await waitForJob(engine, d.job_id, ended);
        expect(failed.status).toBe('failed');
        expect(failed.error?.message).toContain(c.job_id);
        expect(failed.error?.code).toBe('dependency_failed');
        expect(book.started).not.toContain(d.job_id);
        await expect(analyze('x', { dependsOn: ['00000000-0000-7000-8000-000000000000'] })).rejects.toMatchObject({ status: 400 });
      });

      it('does not start a delayed job before its run_at', async () => {
        await boot();
        const runAt = new Date(Date.now() + 300);
        const job = await analyze('later', { runAt });
        expect(job.run_at).toBe(runAt.toISOString());
        const done = await waitForJob(engine, job.job_id, ended);
        expect(Date.parse(done.started_at!)).toBeGreaterThanOrEqual(runAt.getTime() - 5);
      });
    });

    describe('failures', () => {
      beforeEach(() => boot());

      it('retries retryable failures with backoff, then succeeds', async () => {
        let calls = 0;
        book.define('flaky', async () => {
          calls++;
          if (calls < 3) throw new UpstreamError('model busy', { retryable: true });
          return { calls };
        });
        const job = await analyze('flaky');
        const done = await waitForJob(engine, job.job_id, ended);
        expect(done.status).toBe('completed');
        expect(done.attempts).toBe(3);
        expect((done.metadata.last_error as { message: string }).message).toBe('model busy');
      });

      it('fails at once on a non-retryable error, and after max_attempts on retryable ones', async () => {
        book.define('fatal', async () => {
          throw new UpstreamError('OPENAI_API_KEY rejected', { retryable: false, code: 'upstream_auth' });
        });
        book.define('always-busy', async () => {
          throw new UpstreamError('busy', { retryable: true });
        });
        const fatal = await analyze('fatal');
        const busy = await analyze('always-busy', { maxAttempts: 2 });
        const f = await waitForJob(engine, fatal.job_id, ended);
        expect(f).toMatchObject({ status: 'failed', attempts: 1, error: { message: 'OPENAI_API_KEY rejected', code: 'upstream_auth', retryable: false } });
        const b = await waitForJob(engine, busy.job_id, ended);
        expect(b).toMatchObject({ status: 'failed', attempts: 2, error: { message: 'busy', retryable: true } });
      });

      it('aborts an attempt past its timeout and fails it as a timeout', async () => {
        await engine.stop(0);
        await drivers.close();
        await boot({}, { jobTimeoutMs: 150, jobMaxAttempts: 1 });
        let aborted = false;
        book.define('hang', (ctx) => new Promise((_, reject) => ctx.signal.addEventListener('abort', () => ((aborted = true), reject(ctx.signal.reason)))));
        const job = await analyze('hang');
        const done = await waitForJob(engine, job.job_id, ended);
        expect(done.status).toBe('failed');
        expect(done.error?.code).toBe('job_timeout');
        expect(aborted).toBe(true);
      });

      it('retry of a failed job queues it again with the same id, attempts kept, error cleared', async () => {
        let fail = true;
        book.define('once', async () => {
          if (fail) throw new JobFailure('first time', { retryable: false });
          return {};
        });
        const job = await analyze('once');
        await waitForJob(engine, job.job_id, ended);
        fail = false;
        const again = await engine.jobs.retry(job.job_id);
        expect(again).toMatchObject({ job_id: job.job_id, status: 'queued', error: null, attempts: 1 });
        const done = await waitForJob(engine, job.job_id, ended);
        expect(done).toMatchObject({ status: 'completed', attempts: 2 });
      });
    });

    describe('cancel', () => {
      beforeEach(() => boot({ concurrency: 1 }));

      it('cancels a queued job at once; it never runs', async () => {
        const hold = gate();
        book.define('block', () => hold.promise.then(() => ({})));
        const blocker = await analyze('block');
        await waitForJob(engine, blocker.job_id, hasStatus('running'));
        const queued = await analyze('never');
        const cancelled = await engine.jobs.cancel(queued.job_id);
        expect(cancelled.status).toBe('cancelled');
        hold.open();
        await waitForJob(engine, blocker.job_id, ended);
        const next = await analyze('plain');
        await waitForJob(engine, next.job_id, ended);
        expect(book.started).not.toContain(queued.job_id);
      });

      it('cancels a running job even if its handler ignores the signal; the late result is discarded', async () => {
        const hold = gate();
        let sawAbort = false;
        book.define('stubborn', async (ctx) => {
          ctx.signal.addEventListener('abort', () => (sawAbort = true));
          await hold.promise;
          return { late: true };
        });
        const job = await analyze('stubborn');
        await waitForJob(engine, job.job_id, hasStatus('running'));
        const cancelled = await engine.jobs.cancel(job.job_id);
        expect(cancelled.status).toBe('cancelled');
        expect(sawAbort).toBe(true);
        // The slot is free again although the handler is still holding on.
        const next = await analyze('plain');
        await waitForJob(engine, next.job_id, hasStatus('completed'));
        hold.open();
        await new Promise((r) => setImmediate(r));
        const after = await engine.jobs.get(job.job_id);
        expect(after.status).toBe('cancelled');
        expect(after.result).toBeNull();
      });
    });

    describe('parents and children', () => {
      beforeEach(() => boot({ concurrency: 4 }));

      const comprehensive = (names: string[]) =>
        engine.jobs.create({
          type: 'comprehensive_analyze',
          title: 'Comprehensive analysis',
          input: { analyzers: names, image_id: 'img' },
          children: names.map((n) => ({ type: 'analyze' as const, title: `${n} analysis`, input: { analyzer: n, image_id: 'img' } })),
        });

      it('aggregates children: progress, (done/total) title, completion and result', async () => {
        const parent = await comprehensive(['a', 'b', 'c']);
        expect(parent.title).toBe('Comprehensive analysis (0/3)');
        expect(parent.child_ids).toHaveLength(3);
        const titles: string[] = [];
        const progress: number[] = [];
        const sub = engine.bus.events$.subscribe((e) => {
          if (e.event !== 'job.deleted' && e.data.job_id === parent.job_id) {
            titles.push(e.data.title);
            if (e.data.status === 'running') progress.push(e.data.progress);
          }
        });
        const done = await waitForJob(engine, parent.job_id, ended);
        sub.unsubscribe();
        expect(done.status).toBe('completed');
        expect(done.title).toBe('Comprehensive analysis (3/3)');
        expect(done.progress).toBe(1);
        expect(titles).toContain('Comprehensive analysis (1/3)');
        for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThanOrEqual(progress[i - 1]);
        const children = await Promise.all(parent.child_ids.map((id) => engine.jobs.get(id)));
        expect((done.result as { preset_ids: string[] }).preset_ids.sort()).toEqual(children.map((c) => `preset-of-${c.job_id}`).sort());
        expect(children.every((c) => c.parent_id === parent.job_id)).toBe(true);
      });

      it('fails a parent when a child fails, names it, keeps what succeeded; retry re-runs only the failed child', async () => {
        let fail = true;
        book.define('bad', async () => {
          if (fail) throw new JobFailure('bad input', { retryable: false });
          return {};
        });
        const parent = await comprehensive(['good', 'bad']);
        const failed = await waitForJob(engine, parent.job_id, ended);
        expect(failed.status).toBe('failed');
        expect(failed.error?.message).toContain('bad analysis');
        expect((failed.result as { preset_ids: string[] }).preset_ids).toHaveLength(1);
        const [goodId, badId] = parent.child_ids;
        const startsBefore = book.started.length;
        fail = false;
        const retried = await engine.jobs.retry(parent.job_id);
        expect(retried.status).toBe('queued');
        const done = await waitForJob(engine, parent.job_id, ended);
        expect(done.status).toBe('completed');
        expect(book.started.slice(startsBefore)).toEqual([badId]);
        expect((await engine.jobs.get(goodId)).attempts).toBe(1);
        expect((done.result as { preset_ids: string[] }).preset_ids).toHaveLength(2);
      });

      it('cancelling a parent cancels its unfinished children', async () => {
        const hold = gate();
        book.define('slow', () => hold.promise.then(() => ({})));
        const parent = await comprehensive(['slow', 'slow', 'slow']);
        await waitForJob(engine, parent.job_id, hasStatus('running'));
        const cancelled = await engine.jobs.cancel(parent.job_id);
        expect(cancelled.status).toBe('cancelled');
        const kids = await Promise.all(parent.child_ids.map((id) => engine.jobs.get(id)));
        expect(kids.map((k) => k.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
        hold.open();
      });

      it('deleting a parent deletes its children; running jobs cannot be deleted', async () => {
        const hold = gate();
        book.define('slow', () => hold.promise.then(() => ({})));
        const parent = await comprehensive(['slow', 'quick']);
        await expect(engine.jobs.delete(parent.job_id)).rejects.toMatchObject({ status: 409 });
        hold.open();
        await waitForJob(engine, parent.job_id, ended);
        await expect(engine.jobs.delete(parent.child_ids[0])).rejects.toMatchObject({ status: 409 });
        await engine.jobs.delete(parent.job_id);
        for (const id of [parent.job_id, ...parent.child_ids]) await expect(engine.jobs.get(id)).rejects.toMatchObject({ status: 404 });
      });
    });

    describe('listing and housekeeping', () => {
      beforeEach(() => boot());

      it('lists newest first with filters and cursor paging', async () => {
        const made: Job[] = [];
        for (let i = 0; i < 5; i++) made.push(await analyze('plain'));
        for (const j of made) await waitForJob(engine, j.job_id, ended);
        const page1 = await engine.jobs.list({ limit: 2, statuses: ['completed'], types: ['analyze'] });
        expect(page1.jobs.map((j) => j.job_id)).toEqual([made[4].job_id, made[3].job_id]);
        expect(page1.next_cursor).not.toBeNull();
        const page2 = await engine.jobs.list({ limit: 2, cursor: page1.next_cursor!, statuses: ['completed'] });
        expect(page2.jobs.map((j) => j.job_id)).toEqual([made[2].job_id, made[1].job_id]);
        const page3 = await engine.jobs.list({ limit: 2, cursor: page2.next_cursor!, statuses: ['completed'] });
        expect(page3.jobs.map((j) => j.job_id)).toEqual([made[0].job_id]);
        expect(page3.next_cursor).toBeNull();
        expect((await engine.jobs.list({ limit: 10, statuses: ['failed'] })).jobs).toEqual([]);
      });

      it('retention deletes finished top-level jobs older than the window', async () => {
        const job = await analyze('plain');
        await waitForJob(engine, job.job_id, ended);
        expect(await engine.maintenance.cleanup(60_000)).toBe(0);
        await new Promise((r) => setTimeout(r, 5));
        expect(await engine.maintenance.cleanup(1)).toBeGreaterThanOrEqual(1);
        await expect(engine.jobs.get(job.job_id)).rejects.toMatchObject({ status: 404 });
      });

      it('shutdown re-queues running jobs after the grace period', async () => {
        const hold = gate();
        book.define('long', () => hold.promise.then(() => ({})));
        const job = await analyze('long');
        await waitForJob(engine, job.job_id, hasStatus('running'));
        await engine.stop(20);
        const after = await engine.jobs.get(job.job_id);
        expect(after.status).toBe('queued');
        expect(after.attempts).toBe(0);
        hold.open();
      });
    });

    if (contract.bootRecovery) {
      describe('restart recovery', () => {
        beforeEach(() => boot());

        it('re-queues jobs a crash left running, counting the attempt, and fails them past max_attempts', async () => {
          await engine.stop(0);
          const a = await analyze('plain');
          const b = await analyze('plain', { maxAttempts: 1 });
          // Simulate a crash mid-run: both marked running by a process that no longer exists.
          await drivers.store.transition(a.job_id, ['queued'], { status: 'running', attempts: 1, started_at: new Date().toISOString() });
          await drivers.store.transition(b.job_id, ['queued'], { status: 'running', attempts: 1, started_at: new Date().toISOString() });
          await drivers.close();
          drivers = await drivers.reopen();
          book = new BehaviourBook();
          engine = new JobEngine({ ...drivers, handlers: fakeHandlers(book), config });
          await engine.startWorkers({ recover: true });
          const doneA = await waitForJob(engine, a.job_id, ended);
          expect(doneA).toMatchObject({ status: 'completed', attempts: 2 });
          const doneB = await engine.jobs.get(b.job_id);
          expect(doneB).toMatchObject({ status: 'failed', error: { code: 'interrupted' } });
        });
      });
    }
  });
}
