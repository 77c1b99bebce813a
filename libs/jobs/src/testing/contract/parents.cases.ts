/** Parents and children: aggregation, partial failure, cancel, delete. */
import { isJobDataEvent } from '@atelier/contracts';
import { ended, gate, hasStatus, waitForJob } from '../wait';
import { JobFailure } from '@atelier/platform';
import type { ContractHarness } from './contract-harness';

export function parentCases(h: ContractHarness): void {
  describe('parents and children', () => {
    beforeEach(() => h.boot({ concurrency: 4 }));

    const comprehensive = (names: string[]) =>
      h.engine.jobs.create({
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
      const sub = h.engine.bus.events$.subscribe((e) => {
        if (isJobDataEvent(e) && e.data.job_id === parent.job_id) {
          titles.push(e.data.title);
          if (e.data.status === 'running') progress.push(e.data.progress);
        }
      });
      const done = await waitForJob(h.engine, parent.job_id, ended);
      sub.unsubscribe();
      expect(done.status).toBe('completed');
      expect(done.title).toBe('Comprehensive analysis (3/3)');
      expect(done.progress).toBe(1);
      expect(titles).toContain('Comprehensive analysis (1/3)');
      for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThanOrEqual(progress[i - 1]);
      const children = await Promise.all(parent.child_ids.map((id) => h.engine.jobs.get(id)));
      expect((done.result as { preset_ids: string[] }).preset_ids.sort()).toEqual(children.map((c) => `preset-of-${c.job_id}`).sort());
      expect(children.every((c) => c.parent_id === parent.job_id)).toBe(true);
    });

    it('fails a parent when a child fails, names it, keeps what succeeded; retry re-runs only the failed child', async () => {
      let fail = true;
      h.book.define('bad', async () => {
        if (fail) throw new JobFailure('bad input', { retryable: false });
        return {};
      });
      const parent = await comprehensive(['good', 'bad']);
      const failed = await waitForJob(h.engine, parent.job_id, ended);
      expect(failed.status).toBe('failed');
      expect(failed.error?.message).toContain('bad analysis');
      expect((failed.result as { preset_ids: string[] }).preset_ids).toHaveLength(1);
      const [goodId, badId] = parent.child_ids;
      const startsBefore = h.book.started.length;
      fail = false;
      const retried = await h.engine.jobs.retry(parent.job_id);
      expect(retried.status).toBe('queued');
      const done = await waitForJob(h.engine, parent.job_id, ended);
      expect(done.status).toBe('completed');
      expect(h.book.started.slice(startsBefore)).toEqual([badId]);
      expect((await h.engine.jobs.get(goodId)).attempts).toBe(1);
      expect((done.result as { preset_ids: string[] }).preset_ids).toHaveLength(2);
    });

    it('cancelling a parent cancels its unfinished children', async () => {
      const hold = gate();
      h.book.define('slow', () => hold.promise.then(() => ({})));
      const parent = await comprehensive(['slow', 'slow', 'slow']);
      await waitForJob(h.engine, parent.job_id, hasStatus('running'));
      const cancelled = await h.engine.jobs.cancel(parent.job_id);
      expect(cancelled.status).toBe('cancelled');
      const kids = await Promise.all(parent.child_ids.map((id) => h.engine.jobs.get(id)));
      expect(kids.map((k) => k.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
      hold.open();
    });

    it('deleting a parent deletes its children; running jobs cannot be deleted', async () => {
      const hold = gate();
      h.book.define('slow', () => hold.promise.then(() => ({})));
      const parent = await comprehensive(['slow', 'quick']);
      await expect(h.engine.jobs.delete(parent.job_id)).rejects.toMatchObject({ status: 409 });
      hold.open();
      await waitForJob(h.engine, parent.job_id, ended);
      await expect(h.engine.jobs.delete(parent.child_ids[0])).rejects.toMatchObject({ status: 409 });
      await h.engine.jobs.delete(parent.job_id);
      for (const id of [parent.job_id, ...parent.child_ids]) await expect(h.engine.jobs.get(id)).rejects.toMatchObject({ status: 404 });
    });
  
    describe('nested: a batch of comprehensive analyses', () => {
      const batchOf = (images: string[], names: string[]) =>
        h.engine.jobs.create({
          type: 'batch',
          title: 'Batch',
          input: {},
          children: images.map((image) => ({
            type: 'comprehensive_analyze' as const,
            title: 'Comprehensive analysis',
            input: { analyzers: names, image_id: image },
            children: names.map((n) => ({ type: 'analyze' as const, title: `${n} analysis`, input: { analyzer: n, image_id: image } })),
          })),
        });
      const all = (ids: string[]) => Promise.all(ids.map((id) => h.engine.jobs.get(id)));
      const grandchildrenOf = async (batchId: string) => (await all((await h.engine.jobs.get(batchId)).child_ids)).flatMap((c) => c.child_ids);

      it('lists only its own children, counts them in its title, and completes once every grandchild did', async () => {
        const batch = await batchOf(['i1', 'i2'], ['a', 'b']);
        expect(batch.child_ids).toHaveLength(2);
        expect(batch.title).toBe('Batch (0/2)');
        const titles = new Set<string>();
        const sub = h.engine.bus.events$.subscribe((e) => {
          if (isJobDataEvent(e) && e.data.job_id === batch.job_id) titles.add(e.data.title);
        });
        const done = await waitForJob(h.engine, batch.job_id, ended);
        sub.unsubscribe();
        expect(done.status).toBe('completed');
        expect(done.title).toBe('Batch (2/2)');
        expect(done.progress).toBe(1);
        expect(titles).toContain('Batch (1/2)');
        const children = await all(batch.child_ids);
        expect(children.map((c) => [c.type, c.status, c.child_ids.length])).toEqual([
          ['comprehensive_analyze', 'completed', 2],
          ['comprehensive_analyze', 'completed', 2],
        ]);
        expect(done.result).toEqual({ completed_ids: batch.child_ids, failed_ids: [] });
      });

      it('cancelling the batch cancels its children and theirs; deleting it deletes all three levels', async () => {
        const hold = gate();
        h.book.define('slow', () => hold.promise.then(() => ({})));
        const batch = await batchOf(['i1', 'i2', 'i3'], ['slow', 'slow']);
        await waitForJob(h.engine, batch.job_id, hasStatus('running'));
        await h.engine.jobs.cancel(batch.job_id);
        const grandchildren = await grandchildrenOf(batch.job_id);
        expect(grandchildren).toHaveLength(6);
        expect((await all(batch.child_ids)).map((c) => c.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
        expect(new Set((await all(grandchildren)).map((c) => c.status))).toEqual(new Set(['cancelled']));
        hold.open();
        await h.engine.jobs.delete(batch.job_id);
        for (const id of [batch.job_id, ...batch.child_ids, ...grandchildren]) await expect(h.engine.jobs.get(id)).rejects.toMatchObject({ status: 404 });
      });

      it('a failed grandchild fails its analysis and the batch; a retry of the batch re-runs only it', async () => {
        let fail = true;
        h.book.define('bad', async () => {
          if (fail) throw new JobFailure('bad input', { retryable: false });
          return {};
        });
        const batch = await batchOf(['i1', 'i2'], ['good', 'bad']);
        const failed = await waitForJob(h.engine, batch.job_id, ended);
        expect(failed.status).toBe('failed');
        expect(failed.title).toBe('Batch (2/2)');
        const startsBefore = h.book.started.length;
        fail = false;
        const retried = await h.engine.jobs.retry(batch.job_id);
        expect(retried).toMatchObject({ status: 'queued', title: 'Batch (0/2)' });
        const done = await waitForJob(h.engine, batch.job_id, ended);
        expect(done.status).toBe('completed');
        expect(h.book.started.length - startsBefore).toBe(2);
        expect((await all(batch.child_ids)).map((c) => c.status)).toEqual(['completed', 'completed']);
      });

      it('a retry of a batch cancelled while its last children completed ends it, re-running nothing', async () => {
        const batch = await batchOf(['i1', 'i2'], ['a']);
        await waitForJob(h.engine, batch.job_id, ended);
        // The race's outcome, set directly: the batch and one analysis cancelled, every analysis below it completed.
        await h.engine.store.transition(batch.job_id, ['completed'], { status: 'cancelled' });
        await h.engine.store.transition(batch.child_ids[0], ['completed'], { status: 'cancelled' });
        const startsBefore = h.book.started.length;
        await h.engine.jobs.retry(batch.job_id);
        const done = await waitForJob(h.engine, batch.job_id, ended);
        expect(done).toMatchObject({ status: 'completed', title: 'Batch (2/2)' });
        expect((await all(batch.child_ids)).map((c) => c.status)).toEqual(['completed', 'completed']);
        expect(h.book.started.length).toBe(startsBefore);
      });
    });
  });
}
