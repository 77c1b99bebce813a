/** Restart recovery after a crash. */
import { ended, waitForJob } from '../wait';
import type { ContractHarness } from './contract-harness';

export function recoveryCases(h: ContractHarness): void {
    describe('restart recovery', () => {
      beforeEach(() => h.boot());

      it('re-queues jobs a crash left running, counting the attempt, and fails them past max_attempts', async () => {
        await h.engine.stop(0);
        const a = await h.analyze('plain');
        const b = await h.analyze('plain', { maxAttempts: 1 });
        // Simulate a crash mid-run: both marked running by a process that no longer exists.
        await h.drivers.store.transition(a.job_id, ['queued'], { status: 'running', attempts: 1, started_at: new Date().toISOString() });
        await h.drivers.store.transition(b.job_id, ['queued'], { status: 'running', attempts: 1, started_at: new Date().toISOString() });
        await h.restart();
        const doneA = await waitForJob(h.engine, a.job_id, ended);
        expect(doneA).toMatchObject({ status: 'completed', attempts: 2 });
        const doneB = await h.engine.jobs.get(b.job_id);
        expect(doneB).toMatchObject({ status: 'failed', error: { code: 'interrupted' } });
      });
    });
}
