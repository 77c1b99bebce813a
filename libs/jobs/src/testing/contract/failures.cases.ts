/** Failure policy: retries with backoff, final failures, timeouts, manual retry. */
import { ended, hasStatus, waitForJob, waitForStored } from '../wait';
import { JobFailure, UpstreamError } from '@atelier/platform';
import { CONTRACT_ENGINE_CONFIG, type ContractHarness } from './contract-harness';

export function failureCases(h: ContractHarness): void {
  describe('failures', () => {
    beforeEach(() => h.boot());

    it('finishes what a worker that stopped right after recording an end left undone: the final event (once) and the dependents', async () => {
      const bus = h.engine.bus;
      const publish = bus.publish.bind(bus);
      let stopped = true;
      const spy = jest.spyOn(bus, 'publish').mockImplementation(async (event) => {
        // The worker commits the job's end, then stops before anything that follows the commit.
        if (stopped && event.event === 'job.completed') throw new Error('the worker stopped');
        return publish(event);
      });
      try {
        const a = await h.analyze('first');
        const b = await h.analyze('second', { dependsOn: [a.job_id] });
        await waitForStored(h.engine, a.job_id, hasStatus('completed'));
        stopped = false;
        expect((await bus.latestOf(a.job_id))?.event).toBe('job.updated');
        expect((await h.engine.jobs.get(b.job_id)).status).toBe('queued');

        // The queue hands the stopped worker's entry to another worker.
        const redeliver = () => h.engine.runner.run(a.job_id, 'analyze', new AbortController().signal, { redelivered: true });
        await redeliver();
        expect((await bus.latestOf(a.job_id))?.event).toBe('job.completed');
        expect((await waitForJob(h.engine, b.job_id, ended)).status).toBe('completed');
        const finalsOfA = () => spy.mock.calls.filter(([e]) => e.event === 'job.completed' && e.data.job_id === a.job_id).length;
        const published = finalsOfA();
        await redeliver();
        expect(finalsOfA()).toBe(published);
        expect(h.book.started.filter((id) => id === a.job_id)).toHaveLength(1);
      } finally {
        spy.mockRestore();
      }
    });

    it('retries retryable failures with backoff, then succeeds', async () => {
      let calls = 0;
      h.book.define('flaky', async () => {
        calls++;
        if (calls < 3) throw new UpstreamError('model busy', { retryable: true });
        return { calls };
      });
      const job = await h.analyze('flaky');
      const done = await waitForJob(h.engine, job.job_id, ended);
      expect(done.status).toBe('completed');
      expect(done.attempts).toBe(3);
      expect((done.metadata.last_error as { message: string }).message).toBe('model busy');
    });

    it('fails at once on a non-retryable error, and after max_attempts on retryable ones', async () => {
      h.book.define('fatal', async () => {
        throw new UpstreamError('OPENAI_API_KEY rejected', { retryable: false, code: 'upstream_auth' });
      });
      h.book.define('always-busy', async () => {
        throw new UpstreamError('busy', { retryable: true });
      });
      const fatal = await h.analyze('fatal');
      const busy = await h.analyze('always-busy', { maxAttempts: 2 });
      const f = await waitForJob(h.engine, fatal.job_id, ended);
      expect(f).toMatchObject({ status: 'failed', attempts: 1, error: { message: 'OPENAI_API_KEY rejected', code: 'upstream_auth', retryable: false } });
      const b = await waitForJob(h.engine, busy.job_id, ended);
      expect(b).toMatchObject({ status: 'failed', attempts: 2, error: { message: 'busy', retryable: true } });
    });

    it('aborts an attempt past its timeout and fails it as a timeout', async () => {
      await h.engine.stop(0);
      await h.drivers.close();
      await h.boot({}, { jobTimeoutMs: 150, jobMaxAttempts: 1 });
      let aborted = false;
      h.book.define('hang', (ctx) => new Promise((_, reject) => ctx.signal.addEventListener('abort', () => ((aborted = true), reject(ctx.signal.reason)))));
      const job = await h.analyze('hang');
      const done = await waitForJob(h.engine, job.job_id, ended);
      expect(done.status).toBe('failed');
      expect(done.error?.code).toBe('job_timeout');
      expect(aborted).toBe(true);
    });

    it('a manual retry gives the job a full budget of attempts again: attempts never exceed max_attempts', async () => {
      h.book.define('always-busy', async () => {
        throw new UpstreamError('busy', { retryable: true });
      });
      const job = await h.analyze('always-busy', { maxAttempts: 2 });
      expect(await waitForJob(h.engine, job.job_id, ended)).toMatchObject({ status: 'failed', attempts: 2, max_attempts: 2 });
      const budget = CONTRACT_ENGINE_CONFIG.jobMaxAttempts;
      for (const round of [1, 2]) {
        const again = await h.engine.jobs.retry(job.job_id);
        const attemptsBefore = 2 + (round - 1) * budget;
        expect(again).toMatchObject({ status: 'queued', attempts: attemptsBefore, max_attempts: attemptsBefore + budget });
        const done = await waitForJob(h.engine, job.job_id, ended);
        // Every attempt of the new budget ran (with its backoff), and none past it.
        expect(done).toMatchObject({ status: 'failed', attempts: attemptsBefore + budget, max_attempts: attemptsBefore + budget });
      }
    });

    it('retry of a failed job queues it again with the same id, attempts kept, error cleared', async () => {
      let fail = true;
      h.book.define('once', async () => {
        if (fail) throw new JobFailure('first time', { retryable: false });
        return {};
      });
      const job = await h.analyze('once');
      await waitForJob(h.engine, job.job_id, ended);
      fail = false;
      const again = await h.engine.jobs.retry(job.job_id);
      expect(again).toMatchObject({ job_id: job.job_id, status: 'queued', error: null, attempts: 1 });
      const done = await waitForJob(h.engine, job.job_id, ended);
      expect(done).toMatchObject({ status: 'completed', attempts: 2 });
    });
  });
}
