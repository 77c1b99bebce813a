/**
 * Operations: queues. Pausing a job type keeps its new jobs queued while other types run, resuming
 * runs them; the stream carries queue.paused / queue.resumed and the audit log records who did it;
 * a storm of conflicting pauses and resumes leaves the server up and the state consistent.
 */
import type { AuditEntry, JobType, QueueInfo } from '@atelier/contracts';
import type { SseClient } from '../support/sse-client';
import { expectProblem, expectStatus, send, until, useAccessServer, type Caller } from '../access/access-harness';
import { allJobs, expectStayQueued, openStream, pauseQueue, queueEvents, queueOf, resumeQueue, summaryOf } from './operations-harness';

jest.setTimeout(120_000);

describe('operations: queues', () => {
  const suite = useAccessServer({ JOB_TYPE_CONCURRENCY: 'generate_image=1', WORKER_CONCURRENCY: '4' });
  let operator: Caller;
  let alice: Caller;
  let bob: Caller;
  let stream: SseClient;

  beforeAll(async () => {
    operator = await suite.admin.createUser('operator');
    alice = await suite.admin.createUser('member', 'Alice');
    bob = await suite.admin.createUser('member', 'Bob');
    stream = await openStream(suite.admin);
  });
  afterAll(() => stream?.close());

  const auditOf = async (action: string): Promise<AuditEntry[]> => {
    const answer = await suite.admin.get(`/api/audit?action=${action}&limit=200`);
    expectStatus(answer, 200);
    return answer.body.audit as AuditEntry[];
  };

  const thumbnailsDone = (count: number) =>
    until(`${count} thumbnails to complete`, async () => (await summaryOf(suite.admin)).by_type.generate_thumbnail?.completed === count);

  it('lists one queue per job type with its concurrency, none paused at first', async () => {
    const answer = await alice.get('/api/queues');
    expectStatus(answer, 200);
    const queues = answer.body.queues as QueueInfo[];
    expect(queues.map((q) => q.type)).toEqual(['analyze', 'comprehensive_analyze', 'generate_image', 'generate_thumbnail', 'batch', 'deliver_webhook']);
    for (const q of queues) expect(q).toMatchObject({ paused: false, queued: 0, running: 0, changed_at: null, changed_by: null, concurrency: q.type === 'generate_image' ? 1 : 4 });
  });

  it('pause: new analyses stay queued while thumbnails run; resume: they run; the stream and the audit log tell who did it', async () => {
    const paused = await pauseQueue(operator, 'analyze');
    expect(paused).toMatchObject({ type: 'analyze', paused: true, changed_by: operator.id, concurrency: 4 });
    expect(Date.parse(paused.changed_at!)).toBeGreaterThan(Date.now() - 10_000);
    expect(await queueOf(alice, 'analyze')).toMatchObject({ paused: true, changed_by: operator.id, changed_at: paused.changed_at });
    expect((await queueOf(alice, 'generate_thumbnail')).paused).toBe(false);

    const jobs = [await alice.submit(), await alice.submit(), await suite.admin.submit()];
    const ids = jobs.map((j) => j.job_id);
    await thumbnailsDone(3);
    await expectStayQueued(suite.admin, ids);
    expect(await queueOf(suite.admin, 'analyze')).toMatchObject({ queued: 3, running: 0 });
    expect(await queueOf(alice, 'analyze')).toMatchObject({ queued: 2 });
    expect(await queueOf(bob, 'analyze')).toMatchObject({ queued: 0, paused: true });

    const resumed = await resumeQueue(operator, 'analyze');
    expect(resumed).toMatchObject({ type: 'analyze', paused: false, changed_by: operator.id });
    for (const id of ids) expect((await suite.admin.waitForJob(id)).status).toBe('completed');
    expect(await queueOf(suite.admin, 'analyze')).toMatchObject({ paused: false, queued: 0, running: 0 });

    await stream.waitFor((events) => queueEvents(events).length >= 2, 10_000, 'queue events');
    expect(queueEvents(stream.events)).toEqual([
      { event: 'queue.paused', data: { type: 'analyze', paused: true, changed_at: paused.changed_at, changed_by: operator.id } },
      { event: 'queue.resumed', data: { type: 'analyze', paused: false, changed_at: resumed.changed_at, changed_by: operator.id } },
    ]);
    for (const action of ['queue.paused', 'queue.resumed']) {
      expect(await auditOf(action)).toEqual([expect.objectContaining({ action, actor: operator.id, target: 'analyze' })]);
    }
  });

  it('pausing a paused queue answers it as it is: no new event, no new audit entry', async () => {
    const first = await pauseQueue(suite.admin, 'generate_image');
    const again = await pauseQueue(operator, 'generate_image');
    expect(again).toEqual(first);
    const resumed = await resumeQueue(suite.admin, 'generate_image');
    expect(await resumeQueue(operator, 'generate_image')).toEqual(resumed);
    await stream.waitFor((events) => queueEvents(events).some((e) => e.data.type === 'generate_image' && !e.data.paused), 10_000, 'generate_image resumed');
    expect(queueEvents(stream.events).filter((e) => e.data.type === 'generate_image').map((e) => e.event)).toEqual(['queue.paused', 'queue.resumed']);
    expect((await auditOf('queue.paused')).filter((e) => e.target === 'generate_image')).toHaveLength(1);
  });

  it('refuses a member (403), an unknown queue (404) and a caller without a principal (401)', async () => {
    expectProblem(await alice.post('/api/queues/analyze/pause'), 403, 'forbidden');
    expectProblem(await alice.post('/api/queues/analyze/resume'), 403, 'forbidden');
    const unknown = await operator.post('/api/queues/no_such_type/pause');
    expectProblem(unknown, 404, 'not_found');
    expect(unknown.body.detail).toMatch(/the queues are analyze, comprehensive_analyze/);
    expectProblem(await operator.post('/api/queues/no_such_type/resume'), 404);
    expectProblem(await suite.server.anonymous().get('/api/queues'), 401, 'unauthenticated');
    expect((await queueOf(operator, 'analyze')).paused).toBe(false);
  });

  it('many conflicting pauses and resumes at once: the server lives, the state is consistent, every queued job runs after the final resume', async () => {
    const type: JobType = 'analyze';
    const queueAudit = async () => [...(await auditOf('queue.paused')), ...(await auditOf('queue.resumed'))].filter((e) => e.target === type);
    const auditedBefore = new Set((await queueAudit()).map((e) => e.audit_id));
    const seen = queueEvents(stream.events).length;
    await pauseQueue(operator, type);
    const waiting = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? alice : suite.admin).submit()));

    const callers = [operator, suite.admin];
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => callers[i % 2].post(`/api/queues/${type}/${Math.floor(i / 2) % 2 === 0 ? 'resume' : 'pause'}`)),
    );
    for (const answer of answers) expectStatus(answer, 200);
    expectStatus(await send(`${suite.server.url}/api/health`), 200);

    // Every change is one event and one audit entry, alternating, and the last of them is the state stored.
    const final = await queueOf(operator, type);
    const changes = await until('the stream to carry the final state', async () => {
      const events = queueEvents(stream.events).slice(seen).filter((e) => e.data.type === type);
      const last = events[events.length - 1];
      return last && last.data.changed_at === final.changed_at && events;
    });
    expect(changes[changes.length - 1].data).toEqual({ type, paused: final.paused, changed_at: final.changed_at, changed_by: final.changed_by });
    changes.forEach((e, i) => expect(e.event).toBe(i % 2 === 0 ? 'queue.paused' : 'queue.resumed'));
    expect((await queueAudit()).filter((e) => !auditedBefore.has(e.audit_id))).toHaveLength(changes.length);
    expect(answers.map((a) => (a.body as QueueInfo).changed_at)).toContain(final.changed_at);

    // Paused at the end: what is still queued stays queued (those that ran while it was resumed have ended), and so does a new job.
    if (final.paused) {
      waiting.push(await alice.submit());
      const stillQueued = (await allJobs(suite.admin)).filter((j) => j.type === type && j.status === 'queued');
      expect(stillQueued.map((j) => j.job_id)).toContain(waiting[waiting.length - 1].job_id);
      await expectStayQueued(suite.admin, stillQueued.map((j) => j.job_id), 1000);
    }
    expect(await resumeQueue(operator, type)).toMatchObject({ paused: false });
    for (const job of waiting) expect((await suite.admin.waitForJob(job.job_id)).status).toBe('completed');
    expect((await allJobs(suite.admin)).filter((j) => j.status === 'queued' || j.status === 'running')).toEqual([]);
  });
});
