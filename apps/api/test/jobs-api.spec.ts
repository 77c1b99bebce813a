import request from 'supertest';
import { JobFailure } from '@atelier/platform';
import { ended, gate, hasStatus, waitForJob } from '@atelier/jobs/testing';
import { book, startTestApp, type TestApp } from './support/test-app';

describe('jobs REST API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ WORKER_CONCURRENCY: '2' });
  });
  afterAll(() => t.close());

  const http = () => request(t.app.getHttpServer());
  const analyze = (analyzer: string) =>
    t.engine.jobs.create({ type: 'analyze', title: `${analyzer} analysis`, input: { analyzer, image_id: 'img' } });
  const unknownId = '01936e3a-0000-7000-8000-000000000000';

  const expectProblem = (res: request.Response, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String), type: expect.any(String) });
    expect(res.body.instance).toMatch(/^\/api\//);
  };

  it('GET /api/jobs/{id} answers the job in snake_case with every contract field', async () => {
    const job = await analyze('plain');
    await waitForJob(t.engine, job.job_id, ended);
    const res = await http().get(`/api/jobs/${job.job_id}`).expect(200);
    for (const field of [
      'job_id', 'type', 'status', 'title', 'progress', 'current_step', 'total_steps', 'step_label', 'parent_id', 'child_ids',
      'priority', 'attempts', 'max_attempts', 'depends_on', 'input', 'result', 'error', 'metadata', 'owner',
      'created_at', 'started_at', 'finished_at', 'updated_at',
    ]) {
      expect(res.body).toHaveProperty(field);
    }
    expect(res.body).toMatchObject({ job_id: job.job_id, type: 'analyze', status: 'completed', progress: 1, input: { analyzer: 'plain' } });
    expect(new Date(res.body.created_at).toISOString()).toBe(res.body.created_at);
  });

  it('GET /api/jobs/{id}: 404 unknown, whatever the shape of the id (ids are opaque)', async () => {
    expectProblem(await http().get(`/api/jobs/${unknownId}`), 404);
    expectProblem(await http().get('/api/jobs/not-an-id'), 404);
  });

  it('GET /api/jobs lists newest first, filters, pages with next_cursor and validates its query', async () => {
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await analyze('plain'));
    for (const j of made) await waitForJob(t.engine, j.job_id, ended);
    const first = await http().get('/api/jobs?status=completed&type=analyze&limit=2').expect(200);
    expect(first.body.jobs).toHaveLength(2);
    expect(first.body.jobs[0].job_id).toBe(made[2].job_id);
    expect(typeof first.body.next_cursor).toBe('string');
    const second = await http().get(`/api/jobs?status=completed&limit=2&cursor=${first.body.next_cursor}`).expect(200);
    expect(second.body.jobs[0].job_id).toBe(made[0].job_id);
    const none = await http().get('/api/jobs?status=failed,cancelled').expect(200);
    expect(none.body.jobs.every((j: { status: string }) => ['failed', 'cancelled'].includes(j.status))).toBe(true);
    expect((await http().get('/api/jobs?limit=1000').expect(200)).body.jobs.length).toBeLessThanOrEqual(200);

    const badStatus = await http().get('/api/jobs?status=done');
    expectProblem(badStatus, 400);
    expect(badStatus.body.errors[0]).toMatchObject({ field: 'status' });
    expect(badStatus.body.detail).toContain('queued, running, completed, failed, cancelled');
    expectProblem(await http().get('/api/jobs?type=paint'), 400);
    expectProblem(await http().get('/api/jobs?limit=ten'), 400);
    expectProblem(await http().get('/api/jobs?cursor=garbage'), 400);
    expectProblem(await http().get('/api/jobs?colour=red'), 400);
  });

  it('GET /api/jobs?parent_id lists the children of a parent', async () => {
    const parent = await t.engine.jobs.create({
      type: 'comprehensive_analyze',
      title: 'Comprehensive analysis',
      input: { analyzers: ['a', 'b'], image_id: 'img' },
      children: ['a', 'b'].map((n) => ({ type: 'analyze' as const, title: n, input: { analyzer: n, image_id: 'img' } })),
    });
    const res = await http().get(`/api/jobs?parent_id=${parent.job_id}`).expect(200);
    expect(res.body.jobs.map((j: { job_id: string }) => j.job_id).sort()).toEqual([...parent.child_ids].sort());
    await waitForJob(t.engine, parent.job_id, ended);
  });

  it('POST cancel: 200 cancelled for running; 409 when finished; 404 unknown', async () => {
    const hold = gate();
    book.define('hold', () => hold.promise.then(() => ({})));
    const job = await analyze('hold');
    await waitForJob(t.engine, job.job_id, hasStatus('running'));
    const res = await http().post(`/api/jobs/${job.job_id}/cancel`).expect(200);
    expect(res.body).toMatchObject({ job_id: job.job_id, status: 'cancelled' });
    expectProblem(await http().post(`/api/jobs/${job.job_id}/cancel`), 409);
    expectProblem(await http().post(`/api/jobs/${unknownId}/cancel`), 404);
    hold.open();
  });

  it('POST retry: 202 queued again (same id, attempts kept, error cleared); 409 unless failed/cancelled', async () => {
    let fail = true;
    book.define('once', async () => {
      if (fail) throw new JobFailure('nope', { retryable: false });
      return {};
    });
    const job = await analyze('once');
    const failed = await waitForJob(t.engine, job.job_id, ended);
    expect(failed.status).toBe('failed');
    fail = false;
    const res = await http().post(`/api/jobs/${job.job_id}/retry`).expect(202);
    expect(res.body).toMatchObject({ job_id: job.job_id, status: 'queued', error: null, attempts: 1 });
    const done = await waitForJob(t.engine, job.job_id, ended);
    expect(done.status).toBe('completed');
    expectProblem(await http().post(`/api/jobs/${job.job_id}/retry`), 409);
    expectProblem(await http().post(`/api/jobs/${unknownId}/retry`), 404);
  });

  it('DELETE: 204 for a finished job (and its children); 409 while queued or running; 404 unknown', async () => {
    const hold = gate();
    book.define('hold2', () => hold.promise.then(() => ({})));
    const job = await analyze('hold2');
    await waitForJob(t.engine, job.job_id, hasStatus('running'));
    expectProblem(await http().delete(`/api/jobs/${job.job_id}`), 409);
    hold.open();
    await waitForJob(t.engine, job.job_id, ended);
    await http().delete(`/api/jobs/${job.job_id}`).expect(204);
    expectProblem(await http().get(`/api/jobs/${job.job_id}`), 404);
    expectProblem(await http().delete(`/api/jobs/${unknownId}`), 404);
  });

  it('unknown routes answer problem+json 404', async () => {
    expectProblem(await http().get('/api/nothing-here'), 404);
  });

  it('GET /api/health answers ok with the database check', async () => {
    const res = await http().get('/api/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', mode: 'embedded', checks: { database: { status: 'ok' } } });
  });

  it('serves an OpenAPI document that describes every jobs route and the problem shape', async () => {
    const res = await http().get('/api/openapi.json').expect(200);
    const paths = res.body.paths;
    expect(Object.keys(paths)).toEqual(expect.arrayContaining(['/api/jobs', '/api/jobs/{job_id}', '/api/jobs/{job_id}/cancel', '/api/jobs/{job_id}/retry', '/api/jobs/stream', '/api/health']));
    expect(paths['/api/jobs/{job_id}/cancel'].post.responses).toHaveProperty('409');
    expect(paths['/api/jobs/{job_id}'].delete.responses).toHaveProperty('204');
    expect(res.body.components.schemas).toHaveProperty('ProblemDto');
    expect(res.body.components.schemas).toHaveProperty('JobDto');
    await http().get('/api/docs').expect(200);
  });
});
