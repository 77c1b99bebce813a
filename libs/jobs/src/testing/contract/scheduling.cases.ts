/** Scheduling: priority, caps, dependencies, delays. */
import { ended, gate, hasStatus, waitForJob } from '../wait';
import { JobFailure } from '@atelier/platform';
import type { ContractHarness } from './contract-harness';

export function schedulingCases(h: ContractHarness): void {
  describe('scheduling', () => {
    it('runs higher priority first and FIFO within a priority', async () => {
      await h.boot({ concurrency: 1 });
      const blocker = gate();
      h.book.define('block', () => blocker.promise.then(() => ({})));
      const first = await h.analyze('block');
      await waitForJob(h.engine, first.job_id, hasStatus('running'));
      const low = await h.analyze('low', { priority: 0 });
      const highA = await h.analyze('high', { priority: 5 });
      const mid = await h.analyze('mid', { priority: 2 });
      const highB = await h.analyze('high', { priority: 5 });
      blocker.open();
      for (const j of [low, highA, mid, highB]) await waitForJob(h.engine, j.job_id, ended);
      expect(h.book.started).toEqual([first.job_id, highA.job_id, highB.job_id, mid.job_id, low.job_id]);
    });

    it('respects the global and the per-type concurrency caps', async () => {
      await h.boot({ concurrency: 3, typeConcurrency: { generate_thumbnail: 1 } });
      h.book.define('slow', (ctx) => new Promise((r) => setTimeout(() => r({}), 40 + (ctx.job.priority % 3))));
      const jobs = await Promise.all(Array.from({ length: 9 }, () => h.analyze('slow')));
      for (const j of jobs) await waitForJob(h.engine, j.job_id, ended);
      expect(h.book.maxRunning).toBe(3);
    });

    it('caps one type while others keep running', async () => {
      await h.boot({ concurrency: 4, typeConcurrency: { analyze: 1 } });
      h.book.define('slow', () => new Promise((r) => setTimeout(() => r({}), 30)));
      const jobs = await Promise.all(Array.from({ length: 4 }, () => h.analyze('slow')));
      for (const j of jobs) await waitForJob(h.engine, j.job_id, ended);
      expect(h.book.maxRunning).toBe(1);
    });

    it('waits for dependencies, and fails a job whose dependency failed', async () => {
      await h.boot();
      const hold = gate();
      h.book.define('first', () => hold.promise.then(() => ({})));
      const a = await h.analyze('first');
      const b = await h.analyze('second', { dependsOn: [a.job_id] });
      await waitForJob(h.engine, a.job_id, hasStatus('running'));
      expect((await h.engine.jobs.get(b.job_id)).status).toBe('queued');
      hold.open();
      await waitForJob(h.engine, b.job_id, hasStatus('completed'));
      expect(h.book.started.indexOf(b.job_id)).toBeGreaterThan(h.book.started.indexOf(a.job_id));

      h.book.define('broken', async () => {
        throw new JobFailure('no good', { retryable: false });
      });
      const c = await h.analyze('broken');
      const d = await h.analyze('after-broken', { dependsOn: [c.job_id] });
      const failed = await waitForJob(h.engine, d.job_id, ended);
      expect(failed.status).toBe('failed');
      expect(failed.error?.message).toContain(c.job_id);
      expect(failed.error?.code).toBe('dependency_failed');
      expect(h.book.started).not.toContain(d.job_id);
      await expect(h.analyze('x', { dependsOn: ['00000000-0000-7000-8000-000000000000'] })).rejects.toMatchObject({ status: 400 });
    });

    it('does not start a delayed job before its run_at', async () => {
      await h.boot();
      const runAt = new Date(Date.now() + 300);
      const job = await h.analyze('later', { runAt });
      expect(job.run_at).toBe(runAt.toISOString());
      const done = await waitForJob(h.engine, job.job_id, ended);
      expect(Date.parse(done.started_at!)).toBeGreaterThanOrEqual(runAt.getTime() - 5);
    });
  });
}
