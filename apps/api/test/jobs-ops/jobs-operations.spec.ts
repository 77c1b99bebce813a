/**
 * The operator's job routes (#12) on the embedded stack: the durable timeline, search, dates and
 * sort on GET /api/jobs, bulk actions over every matching job, and the task panel's rule.
 */
import request from 'supertest';
import type { Job, JobTimelineEntry } from '@atelier/contracts';
import { JobFailure } from '@atelier/platform';
import { ended, gate, hasStatus, waitForJob } from '@atelier/jobs/testing';
import { TaskPanelService } from '@atelier/jobs';
import { book, startTestApp, type TestApp } from '../support/test-app';

describe('operations on jobs (embedded)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ WORKER_CONCURRENCY: '4', JOB_MAX_ATTEMPTS: '2' });
  });
  afterAll(() => t.close());

  const http = () => request(t.app.getHttpServer());
  const analyze = (analyzer: string, extra: { title?: string; metadata?: Record<string, unknown>; preset_name?: string } = {}) =>
    t.engine.jobs.create({
      type: 'analyze',
      title: extra.title ?? `${analyzer} analysis`,
      input: { analyzer, image_id: 'img', ...(extra.preset_name ? { preset_name: extra.preset_name } : {}) },
      metadata: extra.metadata,
    });
  const timelineOf = async (id: string): Promise<JobTimelineEntry[]> => (await http().get(`/api/jobs/${id}/events`).expect(200)).body.events;

  it('GET /api/jobs/{id}/events tells the whole story: created, started on a worker, steps, a failed attempt with its error, the retry, completed', async () => {
    let calls = 0;
    book.define('flaky-story', async (ctx) => {
      await ctx.progress(1, 2, 'Reading the image');
      await ctx.progress(1, 2, 'Reading the image', 0.3);
      await ctx.progress(2, 2, 'Calling the model');
      if (++calls === 1) throw new JobFailure('model timed out', { retryable: true });
      return { ok: true };
    });
    const job = await analyze('flaky-story');
    const done = await waitForJob(t.engine, job.job_id, ended);
    expect(done.status).toBe('completed');
    const events = await timelineOf(job.job_id);
    expect(events.map((e) => e.kind)).toEqual(['created', 'started', 'step', 'step', 'attempt_failed', 'started', 'step', 'step', 'completed']);
    expect(events.find((e) => e.kind === 'started')!.detail).toEqual({ worker_id: t.engine.workers.id });
    const failed = events.find((e) => e.kind === 'attempt_failed')!;
    expect(failed.attempt).toBe(1);
    expect(failed.detail).toMatchObject({ error: { message: 'model timed out', retryable: true }, retry_at: expect.any(String), duration_ms: expect.any(Number) });
    expect(events.at(-1)).toMatchObject({ kind: 'completed', attempt: 2, detail: { duration_ms: expect.any(Number) } });
    for (const e of events) expect(new Date(e.at).toISOString()).toBe(e.at);
  });

  it('the timeline records a cancel and a manual retry, and 404s an unknown job', async () => {
    const hold = gate();
    book.define('held-story', () => hold.promise.then(() => ({})));
    const job = await analyze('held-story');
    await waitForJob(t.engine, job.job_id, hasStatus('running'));
    await http().post(`/api/jobs/${job.job_id}/cancel`).expect(200);
    await http().post(`/api/jobs/${job.job_id}/retry`).expect(202);
    hold.open();
    await waitForJob(t.engine, job.job_id, ended);
    const kinds = (await timelineOf(job.job_id)).map((e) => e.kind);
    expect(kinds.slice(0, 4)).toEqual(['created', 'started', 'cancelled', 'retried']);
    expect(kinds.at(-1)).toBe('completed');
    await http().get('/api/jobs/01936e3a-0000-7000-8000-000000000000/events').expect(404);
  });

  it('a deleted job takes its timeline with it', async () => {
    book.define('short', async () => ({}));
    const job = await analyze('short');
    await waitForJob(t.engine, job.job_id, ended);
    expect((await timelineOf(job.job_id)).length).toBeGreaterThan(0);
    await http().delete(`/api/jobs/${job.job_id}`).expect(204);
    expect(await t.engine.timeline.list(job.job_id)).toEqual([]);
  });

  describe('GET /api/jobs search, dates and sort', () => {
    let a: Job, b: Job, c: Job;
    beforeAll(async () => {
      book.define('searchable', async () => ({}));
      a = await analyze('searchable', { title: 'Hair color analysis', metadata: { file_name: 'Portrait_Ada.JPG' } });
      b = await analyze('searchable', { title: 'Makeup analysis', preset_name: 'Evening look 100%' });
      c = await analyze('searchable', { title: 'Outfit analysis' });
      for (const j of [a, b, c]) await waitForJob(t.engine, j.job_id, ended);
    });
    const ids = async (query: string) => ((await http().get(`/api/jobs?${query}`).expect(200)).body.jobs as Job[]).map((j) => j.job_id);

    it('q finds by title words, file name and preset name, case-insensitively; % and _ match themselves', async () => {
      expect(await ids('q=hair%20COLOR')).toContain(a.job_id);
      expect(await ids('q=portrait_ada')).toEqual([a.job_id]);
      expect(await ids('q=evening')).toEqual([b.job_id]);
      expect(await ids(`q=${encodeURIComponent('look 100%')}`)).toEqual([b.job_id]);
      expect(await ids(`q=${encodeURIComponent('l_ok')}`)).toEqual([]);
      expect(await ids('q=nothing-has-this')).toEqual([]);
    });

    it('q finds by job id prefix', async () => {
      expect(await ids(`q=${c.job_id.slice(0, 30)}`)).toContain(c.job_id);
    });

    it('created_after / created_before bound by creation time; sort=created_at lists oldest first with working cursors', async () => {
      expect(await ids(`created_after=${encodeURIComponent(b.created_at)}&q=analysis&type=analyze`)).toEqual(expect.arrayContaining([b.job_id, c.job_id]));
      expect(await ids(`created_after=${encodeURIComponent(b.created_at)}&created_before=${encodeURIComponent(c.created_at)}&q=searchable`)).toEqual([]);
      const mine = [a.job_id, b.job_id, c.job_id];
      const ascending = (await ids('sort=created_at&limit=200')).filter((id) => mine.includes(id));
      expect(ascending).toEqual(mine);
      const first = (await http().get('/api/jobs?sort=created_at&limit=1').expect(200)).body;
      const second = (await http().get(`/api/jobs?sort=created_at&limit=1&cursor=${first.next_cursor}`).expect(200)).body;
      expect(second.jobs[0].job_id > first.jobs[0].job_id).toBe(true);
      // The default answer is unchanged: newest first.
      const desc = (await ids('limit=200')).filter((id) => mine.includes(id));
      expect(desc).toEqual([...mine].reverse());
    });

    it('bad search input is a 400 a person can act on', async () => {
      for (const q of ['sort=title', 'created_after=yesterday', 'created_before=2026-13-45T00:00:00Z', `q=${'x'.repeat(201)}`]) {
        const res = await http().get(`/api/jobs?${q}`).expect(400);
        expect(res.body.detail ?? JSON.stringify(res.body.errors)).toMatch(/sort|created_after|created_before|q must/);
      }
    });
  });

  describe('POST /api/jobs/bulk', () => {
    it('retries every failed job matching a filter, across pages, and reports matched / changed / skipped', async () => {
      let failing = true;
      book.define('bulk-fail', async () => {
        if (failing) throw new JobFailure('broken on purpose', { retryable: false });
        return {};
      });
      const jobs = await Promise.all(Array.from({ length: 230 }, () => analyze('bulk-fail', { title: 'Bulk failure case' })));
      for (const j of jobs) await waitForJob(t.engine, j.job_id, ended);
      failing = false;
      const res = await http().post('/api/jobs/bulk').send({ action: 'retry', filter: { status: 'failed', q: 'bulk failure case' } }).expect(202);
      expect(res.body).toEqual({ matched: 230, changed: 230, skipped: 0 });
      for (const j of jobs) expect((await waitForJob(t.engine, j.job_id, hasStatus('completed'))).status).toBe('completed');
      const again = await http().post('/api/jobs/bulk').send({ action: 'retry', job_ids: jobs.slice(0, 3).map((j) => j.job_id) }).expect(202);
      expect(again.body).toEqual({ matched: 3, changed: 0, skipped: 3 });
    }, 60_000);

    it('deletes named jobs; unknown ids do not count as matched', async () => {
      book.define('bulk-del', async () => ({}));
      const jobs = await Promise.all([analyze('bulk-del'), analyze('bulk-del')]);
      for (const j of jobs) await waitForJob(t.engine, j.job_id, ended);
      const res = await http()
        .post('/api/jobs/bulk')
        .send({ action: 'delete', job_ids: [...jobs.map((j) => j.job_id), '01936e3a-0000-7000-8000-000000000000'] })
        .expect(202);
      expect(res.body).toEqual({ matched: 2, changed: 2, skipped: 0 });
      await http().get(`/api/jobs/${jobs[0].job_id}`).expect(404);
    });

    it('refuses bad requests with a 400 and changes nothing', async () => {
      for (const body of [
        {},
        { action: 'explode', job_ids: ['x'] },
        { action: 'cancel' },
        { action: 'cancel', job_ids: [] },
        { action: 'cancel', job_ids: ['a'], filter: { status: 'failed' } },
        { action: 'retry', filter: { status: 'sideways' } },
        { action: 'retry', filter: 'failed' },
        { action: 'delete', job_ids: Array.from({ length: 1001 }, (_, i) => String(i)) },
      ]) {
        const res = await http().post('/api/jobs/bulk').send(body);
        expect([res.status, body]).toEqual([400, body]);
        expect(res.body.detail).toEqual(expect.any(String));
      }
    });
  });

  it('GET /api/task-panel: unfinished jobs, failed ones, and only recent ended ones (top-level only)', async () => {
    const hold = gate();
    book.define('panel-held', () => hold.promise.then(() => ({})));
    book.define('panel-fail', async () => {
      throw new JobFailure('no', { retryable: false });
    });
    const running = await analyze('panel-held');
    const failed = await analyze('panel-fail');
    await waitForJob(t.engine, failed.job_id, ended);
    const panel = (await http().get('/api/task-panel').expect(200)).body;
    const ids = (panel.jobs as Job[]).map((j) => j.job_id);
    expect(ids).toEqual(expect.arrayContaining([running.job_id, failed.job_id]));
    expect(panel.recent_seconds).toBe(120);
    expect(panel.paused_types).toEqual([]);
    expect((panel.jobs as Job[]).every((j) => j.parent_id === null)).toBe(true);
    hold.open();
  });

  it('a dismissal hides the failure it was made after: retried and failed again, the job shows again', async () => {
    book.define('panel-fails-twice', async () => {
      throw new JobFailure('still broken', { retryable: false });
    });
    const panel = t.app.get(TaskPanelService);
    const ids = async () => (await panel.panel({}, 'user-1')).jobs.map((j) => j.job_id);
    const job = await analyze('panel-fails-twice');
    await waitForJob(t.engine, job.job_id, ended);
    expect(await ids()).toContain(job.job_id);
    expect(await panel.dismiss({}, 'user-1', [job.job_id])).toBe(1);
    expect(await ids()).not.toContain(job.job_id);
    // Another user's panel is not affected.
    expect((await panel.panel({}, 'user-2')).jobs.map((j) => j.job_id)).toContain(job.job_id);
    await new Promise((r) => setTimeout(r, 5));
    await http().post(`/api/jobs/${job.job_id}/retry`).expect(202);
    await waitForJob(t.engine, job.job_id, (j) => j.status === 'failed' && j.attempts > 1);
    expect(await ids()).toContain(job.job_id);
  });
});
