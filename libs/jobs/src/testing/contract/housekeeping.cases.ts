/** Listing, retention and graceful shutdown. */
import type { Job } from '@atelier/contracts';
import { ended, gate, hasStatus, waitForJob, waitUntil } from '../wait';
import type { ContractHarness } from './contract-harness';

export function housekeepingCases(h: ContractHarness): void {
  describe('listing and housekeeping', () => {
    beforeEach(() => h.boot());

    it('lists newest first with filters and cursor paging', async () => {
      const made: Job[] = [];
      for (let i = 0; i < 5; i++) made.push(await h.analyze('plain'));
      for (const j of made) await waitForJob(h.engine, j.job_id, ended);
      const page1 = await h.engine.jobs.list({ limit: 2, statuses: ['completed'], types: ['analyze'] });
      expect(page1.jobs.map((j) => j.job_id)).toEqual([made[4].job_id, made[3].job_id]);
      expect(page1.next_cursor).not.toBeNull();
      const page2 = await h.engine.jobs.list({ limit: 2, cursor: page1.next_cursor!, statuses: ['completed'] });
      expect(page2.jobs.map((j) => j.job_id)).toEqual([made[2].job_id, made[1].job_id]);
      const page3 = await h.engine.jobs.list({ limit: 2, cursor: page2.next_cursor!, statuses: ['completed'] });
      expect(page3.jobs.map((j) => j.job_id)).toEqual([made[0].job_id]);
      expect(page3.next_cursor).toBeNull();
      expect((await h.engine.jobs.list({ limit: 10, statuses: ['failed'] })).jobs).toEqual([]);
    });

    it('retention deletes finished top-level jobs older than the window', async () => {
      const job = await h.analyze('plain');
      await waitForJob(h.engine, job.job_id, ended);
      expect(await h.engine.maintenance.cleanup(60_000)).toBe(0);
      await new Promise((r) => setTimeout(r, 5));
      expect(await h.engine.maintenance.cleanup(1)).toBeGreaterThanOrEqual(1);
      await expect(h.engine.jobs.get(job.job_id)).rejects.toMatchObject({ status: 404 });
    });

    it('the sweep re-queues a job whose runner could not record its end, and it then completes', async () => {
      const store = h.engine.store;
      const transition = store.transition.bind(store);
      let jobId = '';
      let broken = false;
      const spy = jest.spyOn(store, 'transition').mockImplementation(async (id, from, patch, guard) => {
        // The store refuses every write of the job once its handler ran, as a full disk or a lost connection would.
        if (broken && id === jobId) throw new Error('disk I/O error');
        return transition(id, from, patch, guard);
      });
      try {
        const hold = gate();
        h.book.define('held', () => hold.promise.then(() => ({})));
        jobId = (await h.analyze('held')).job_id;
        await waitForJob(h.engine, jobId, hasStatus('running'));
        broken = true;
        hold.open();
        // The runner gives up (it logs that the job could not be recorded); the job stays running.
        await waitUntil(() => !h.engine.dispatcher.isRunning(jobId));
        expect((await h.engine.jobs.get(jobId)).status).toBe('running');
        broken = false;
        h.engine.startSweeper();
        const done = await waitForJob(h.engine, jobId, ended);
        expect(done).toMatchObject({ status: 'completed', attempts: 2 });
        expect(h.book.started.filter((id) => id === jobId)).toHaveLength(2);
      } finally {
        spy.mockRestore();
      }
    });

    it('the sweep re-queues the running jobs of a worker that stopped heartbeating, once, however many nodes sweep', async () => {
      const job = await h.analyze('plain', { runAt: new Date(Date.now() + 60_000) });
      // A worker that took the job, then vanished (its id heartbeats nowhere).
      await h.drivers.store.transition(job.job_id, ['queued'], { status: 'running', attempts: 1, worker_id: 'vanished-worker', started_at: new Date().toISOString(), run_at: null });
      const swept = await Promise.all([h.engine.maintenance.sweepOrphans(), h.engine.maintenance.sweepOrphans(), h.engine.maintenance.sweepOrphans()]);
      expect(swept.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
      const done = await waitForJob(h.engine, job.job_id, ended);
      expect(done).toMatchObject({ status: 'completed', attempts: 2 });
      expect(h.book.started.filter((id) => id === job.job_id)).toHaveLength(1);
      // A job running on a live worker (this one) is left alone.
      expect(await h.engine.maintenance.sweepOrphans()).toBe(0);
    });

    it('shutdown re-queues running jobs after the grace period', async () => {
      const hold = gate();
      h.book.define('long', () => hold.promise.then(() => ({})));
      const job = await h.analyze('long');
      await waitForJob(h.engine, job.job_id, hasStatus('running'));
      await h.engine.stop(20);
      const after = await h.engine.jobs.get(job.job_id);
      expect(after.status).toBe('queued');
      expect(after.attempts).toBe(0);
      hold.open();
    });
  });
}
