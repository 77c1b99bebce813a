/** Cancel: queued and running jobs. */
import { ended, gate, hasStatus, waitForJob } from '../wait';
import type { ContractHarness } from './contract-harness';

export function cancelCases(h: ContractHarness): void {
  describe('cancel', () => {
    beforeEach(() => h.boot({ concurrency: 1 }));

    it('cancels a queued job at once; it never runs', async () => {
      const hold = gate();
      h.book.define('block', () => hold.promise.then(() => ({})));
      const blocker = await h.analyze('block');
      await waitForJob(h.engine, blocker.job_id, hasStatus('running'));
      const queued = await h.analyze('never');
      const cancelled = await h.engine.jobs.cancel(queued.job_id);
      expect(cancelled.status).toBe('cancelled');
      hold.open();
      await waitForJob(h.engine, blocker.job_id, ended);
      const next = await h.analyze('plain');
      await waitForJob(h.engine, next.job_id, ended);
      expect(h.book.started).not.toContain(queued.job_id);
    });

    it('cancels a running job even if its handler ignores the signal; the late result is discarded', async () => {
      const hold = gate();
      let sawAbort = false;
      h.book.define('stubborn', async (ctx) => {
        ctx.signal.addEventListener('abort', () => (sawAbort = true));
        await hold.promise;
        return { late: true };
      });
      const job = await h.analyze('stubborn');
      await waitForJob(h.engine, job.job_id, hasStatus('running'));
      const cancelled = await h.engine.jobs.cancel(job.job_id);
      expect(cancelled.status).toBe('cancelled');
      expect(sawAbort).toBe(true);
      // The slot is free again although the handler is still holding on.
      const next = await h.analyze('plain');
      await waitForJob(h.engine, next.job_id, hasStatus('completed'));
      hold.open();
      await new Promise((r) => setImmediate(r));
      const after = await h.engine.jobs.get(job.job_id);
      expect(after.status).toBe('cancelled');
      expect(after.result).toBeNull();
    });
  });
}
