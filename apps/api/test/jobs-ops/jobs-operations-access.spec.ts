/**
 * The operator's job routes with access control, on the embedded default and distributed (two API
 * processes on PostgreSQL and Redis): search on each dialect, bulk actions limited to what the
 * caller may see, the task panel's per-user dismissals heard by that user's streams only, and a
 * storm of conflicting bulk and single commands that the servers survive.
 */
import type { Job } from '@atelier/contracts';
import { SseClient } from '../support/sse-client';
import {
  AccessServer,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  dropTestNamespace,
  expectStatus,
  testNamespace,
  until,
  type Caller,
} from '../access/access-harness';

jest.setTimeout(180_000);

const DELIBERATE = new Set([200, 202, 204, 404, 409]);
const failures: unknown[] = [];
const statusOf = (a: { status: number; body: unknown }) => {
  if (!DELIBERATE.has(a.status)) failures.push(a.body);
  return a.status;
};

describe.each([
  ['embedded (SQLite)', undefined],
  ['distributed (PostgreSQL + Redis, two nodes)', { REDIS_URL: TEST_REDIS_URL }],
])('job operations with access control, %s', (_name, distributed) => {
  const ns = testNamespace();
  const env: Record<string, string> = distributed
    ? { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: ns.schema, QUEUE_PREFIX: ns.prefix, RATE_LIMIT_PER_MINUTE: '1000000', JOB_QUOTA_PER_USER: '1000000', RUN_WORKERS: 'true', ...distributed }
    : { RATE_LIMIT_PER_MINUTE: '1000000', JOB_QUOTA_PER_USER: '1000000' };
  let one: AccessServer;
  let two: AccessServer;
  let admin: Caller;
  let alice: Caller;
  let bob: Caller;
  const streams: SseClient[] = [];

  beforeAll(async () => {
    one = await AccessServer.start(env);
    two = distributed ? await AccessServer.start(env) : one;
    admin = await one.admin();
    alice = await admin.createUser('member', 'Alice');
    bob = await admin.createUser('member', 'Bob');
  });
  afterAll(async () => {
    streams.forEach((s) => s.close());
    await one?.stop();
    if (two !== one) await two?.stop();
    if (distributed) await dropTestNamespace(ns);
  });

  const stream = async (caller: Caller): Promise<SseClient> => {
    const s = await SseClient.connect(`${caller.server.url}/api/jobs/stream`, caller.headers());
    streams.push(s);
    return s;
  };

  it('q finds a job by the preset name asked for, on this dialect, and only among the caller’s own jobs', async () => {
    const word = `zebra${Date.now().toString(36)}`;
    const job = await alice.submit({ fields: { preset_name: `Striped ${word} look` } });
    const found = (await alice.on(two).get(`/api/jobs?q=${word.toUpperCase()}`)).body.jobs as Job[];
    expect(found.map((j) => j.job_id)).toEqual([job.job_id]);
    expect(((await bob.on(two).get(`/api/jobs?q=${word}`)).body.jobs as Job[]).length).toBe(0);
    expect(((await admin.on(two).get(`/api/jobs?q=${job.job_id.slice(0, 20)}`)).body.jobs as Job[]).map((j) => j.job_id)).toContain(job.job_id);
    expect((await alice.get(`/api/jobs/${job.job_id}`)).body.metadata).toMatchObject({ file_name: 'image.png' });
  });

  it("a member's bulk action never reaches another member's jobs, by id or by filter", async () => {
    const job = await alice.submit();
    await alice.waitForJob(job.job_id);
    const byId = await bob.post('/api/jobs/bulk', { action: 'delete', job_ids: [job.job_id] });
    expectStatus(byId, 202);
    expect(byId.body).toEqual({ matched: 0, changed: 0, skipped: 0 });
    const byFilter = await bob.on(two).post('/api/jobs/bulk', { action: 'delete', filter: { status: 'completed' } });
    expectStatus(byFilter, 202);
    expect((await alice.job(job.job_id)).status).toBe('completed');
  });

  it("GET /api/jobs/{id}/events: the owner and operators read a job's timeline, with who cancelled it; other members get 404", async () => {
    const job = await alice.submit({ analyzer: 'comprehensive' });
    expectStatus(await alice.on(two).post(`/api/jobs/${job.job_id}/cancel`), 200);
    const timeline = await until('the cancel on the timeline', async () => {
      const answer = await admin.get(`/api/jobs/${job.job_id}/events`);
      return answer.status === 200 && (answer.body.events as { kind: string }[]).some((e) => e.kind === 'cancelled') && answer.body.events;
    });
    expect(timeline[0]).toMatchObject({ kind: 'created', actor: alice.id });
    expect(timeline.find((e: { kind: string }) => e.kind === 'cancelled')).toMatchObject({ actor: alice.id });
    expect((await bob.get(`/api/jobs/${job.job_id}/events`)).status).toBe(404);
  });

  it('dismissals are per user: every stream of that user hears of them, nobody else does, and the panel agrees in every tab', async () => {
    const aliceTab1 = await stream(alice);
    const aliceTab2 = await stream(alice.on(two));
    const bobTab = await stream(bob.on(two));
    const adminTab = await stream(admin);
    const job = await alice.submit();
    await alice.waitForJob(job.job_id);
    const panel = async (caller: Caller) => ((await caller.get('/api/task-panel')).body.jobs as Job[]).map((j) => j.job_id);
    expect(await panel(alice)).toContain(job.job_id);

    const answer = await alice.on(two).post('/api/task-panel/dismiss', { job_ids: [job.job_id, '01936e3a-0000-7000-8000-000000000000'] });
    expectStatus(answer, 200);
    expect(answer.body).toEqual({ dismissed: 1 });
    const heard = (s: SseClient) => s.events.some((e) => e.event === 'panel.dismissed' && (e.data as { job_ids: string[] }).job_ids.includes(job.job_id));
    await aliceTab1.waitFor(() => heard(aliceTab1), 10_000, 'panel.dismissed on tab 1');
    await aliceTab2.waitFor(() => heard(aliceTab2), 10_000, 'panel.dismissed on tab 2');
    expect(await panel(alice)).not.toContain(job.job_id);
    expect(await panel(alice.on(two))).not.toContain(job.job_id);
    // The operator still sees it in their own panel: dismissal is a per-user view, not a change to the job.
    expect(await panel(admin)).toContain(job.job_id);
    // Streams of other users (another member, an operator who sees every job) never hear of it.
    await new Promise((r) => setTimeout(r, 500));
    expect(heard(bobTab)).toBe(false);
    expect(heard(adminTab)).toBe(false);
    // Bob cannot dismiss Alice's job (it is as if it did not exist), and bad input is a 400.
    expect((await bob.post('/api/task-panel/dismiss', { job_ids: [job.job_id] })).body).toEqual({ dismissed: 0 });
    expectStatus(await alice.post('/api/task-panel/dismiss', { job_ids: [] }), 400);
    expectStatus(await alice.post('/api/task-panel/dismiss', { job_ids: 'x' }), 400);
  });

  it('a storm of conflicting bulk and single commands on parents and children: every answer deliberate, the servers live, every job settles', async () => {
    const parents: Job[] = [];
    for (let i = 0; i < 4; i++) parents.push(await alice.submit({ analyzer: 'comprehensive', fields: { analyzers: 'hair-color,makeup,expression' } }));
    const ids = parents.flatMap((p) => [p.job_id, ...p.child_ids]);
    const nodes = [alice, alice.on(two)];
    const commands: (() => Promise<number>)[] = [];
    for (const [i, id] of ids.entries()) {
      const who = nodes[i % 2];
      commands.push(
        () => who.post(`/api/jobs/${id}/cancel`).then(statusOf),
        () => who.post(`/api/jobs/${id}/retry`).then(statusOf),
        () => who.delete(`/api/jobs/${id}`).then(statusOf),
      );
    }
    for (const action of ['cancel', 'retry', 'delete', 'retry', 'cancel']) {
      commands.push(() => nodes[commands.length % 2].post('/api/jobs/bulk', { action, job_ids: ids }).then(statusOf));
      commands.push(() => nodes[commands.length % 2].post('/api/jobs/bulk', { action, filter: { status: 'queued,running,cancelled,failed' } }).then(statusOf));
    }
    commands.sort(() => Math.random() - 0.5);
    const statuses = await Promise.all(commands.map((c) => c()));
    const errors = [...new Set([one, two])].flatMap((s) => s.output.split('\n').filter((l) => /ERROR|Error:|internal/i.test(l)).slice(0, 6));
    expect([statuses.filter((s) => !DELIBERATE.has(s)), errors, failures]).toEqual([[], [], []]);
    for (const server of new Set([one, two])) expectStatus(await server.anonymous().get('/api/health'), 200);

    // Settle: cancel what still runs; then nothing of these parents is queued or running.
    expectStatus(await alice.post('/api/jobs/bulk', { action: 'cancel', job_ids: ids }), 202);
    await until('every job of the storm to settle', async () => {
      const left = (await alice.get('/api/jobs?status=queued,running&limit=200')).body.jobs as Job[];
      return left.filter((j) => ids.includes(j.job_id)).length === 0;
    });
    for (const server of new Set([one, two])) expect(server.output).not.toMatch(/Unhandled promise rejection|UnhandledPromiseRejection/);
  });
});
