/** Lifecycle: completion, events, monotonic progress, refused transitions. */
import { isJobDataEvent } from '@atelier/contracts';
import { ended, gate, waitForJob } from '../wait';
import type { ContractHarness } from './contract-harness';

export function lifecycleCases(h: ContractHarness): void {
  describe('lifecycle', () => {
    beforeEach(() => h.boot());

    it('runs a job to completion with progress and ordered events', async () => {
      h.book.define('steps', async (ctx) => {
        await ctx.progress(1, 2, 'first');
        await ctx.progress(2, 2, 'second');
        return { colour: 'red' };
      });
      const events: string[] = [];
      const sub = h.engine.bus.events$.subscribe((e) => events.push(`${e.event}:${isJobDataEvent(e) ? e.data.status : ''}:${e.id}`));
      const job = await h.analyze('steps');
      expect(job.status).toBe('queued');
      const done = await waitForJob(h.engine, job.job_id, ended);
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
      h.book.define('wobbly', async (ctx) => {
        await ctx.progress(3, 4, 'far');
        await ctx.progress(1, 4, 'back?');
        return {};
      });
      const job = await h.analyze('wobbly');
      const sub = h.engine.bus.events$.subscribe((e) => e.event === 'job.updated' && e.data.job_id === job.job_id && seen.push(e.data.progress));
      await waitForJob(h.engine, job.job_id, ended);
      sub.unsubscribe();
      expect(seen.length).toBeGreaterThan(0);
      for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
    });

    it('refuses a second completion and a start of a cancelled job', async () => {
      const job = await h.analyze('plain');
      const done = await waitForJob(h.engine, job.job_id, ended);
      expect(await h.engine.lifecycle.complete(job.job_id, { result: { preset_id: 'other', analyzer: 'x', data: {} } })).toBe(false);
      expect((await h.engine.jobs.get(job.job_id)).result).toEqual(done.result);

      const blocker = gate();
      h.book.define('held', () => blocker.promise.then(() => ({})));
      const held = await h.analyze('held', { runAt: new Date(Date.now() + 60_000) });
      await h.engine.jobs.cancel(held.job_id);
      expect(await h.engine.lifecycle.start(held.job_id)).toBeUndefined();
      expect((await h.engine.jobs.get(held.job_id)).status).toBe('cancelled');
      blocker.open();
    });

    it('answers 409-style conflicts for impossible commands', async () => {
      const job = await h.analyze('plain');
      await waitForJob(h.engine, job.job_id, ended);
      await expect(h.engine.jobs.cancel(job.job_id)).rejects.toMatchObject({ status: 409 });
      await expect(h.engine.jobs.retry(job.job_id)).rejects.toMatchObject({ status: 409 });
      await expect(h.engine.jobs.get('00000000-0000-7000-8000-000000000000')).rejects.toMatchObject({ status: 404 });
    });
  });
}
