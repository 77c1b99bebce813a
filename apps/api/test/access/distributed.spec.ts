/**
 * Access in distributed mode: two API processes on the machine's PostgreSQL (own schema) and
 * Redis (own key prefix), or PostgreSQL alone (QUEUE_BACKEND=postgres). Sessions, keys, ownership
 * and the request rate are shared by both nodes.
 */
import type { Job } from '@atelier/contracts';
import {
  AccessServer,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  awaitFreshWindow,
  dropTestNamespace,
  expectProblem,
  expectStatus,
  rateHeadersOf,
  testNamespace,
  type Answer,
  type Caller,
} from './access-harness';

jest.setTimeout(180_000);

const LIMIT = 10;

describe.each([
  ['Redis', { REDIS_URL: TEST_REDIS_URL }],
  ['PostgreSQL only', { QUEUE_BACKEND: 'postgres' }],
])('access, distributed on %s (two API processes)', (_name, backend) => {
  const ns = testNamespace();
  const env = {
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_SCHEMA: ns.schema,
    QUEUE_PREFIX: ns.prefix,
    RATE_LIMIT_PER_MINUTE: String(LIMIT),
    ...backend,
  };
  let one: AccessServer;
  let two: AccessServer;
  let admin: Caller;
  let alice: Caller;
  let bob: Caller;

  beforeAll(async () => {
    one = await AccessServer.start(env);
    two = await AccessServer.start(env);
    admin = await one.admin();
    alice = await admin.createUser('member', 'Alice');
    bob = await admin.createUser('member', 'Bob');
  });
  afterAll(async () => {
    await one?.stop();
    await two?.stop();
    await dropTestNamespace(ns);
  });

  it('answers 401 without a principal on both nodes', async () => {
    expectProblem(await one.anonymous().get('/api/jobs'), 401, 'unauthenticated');
    expectProblem(await two.anonymous().get('/api/jobs'), 401, 'unauthenticated');
  });

  it("a member gets 404 for another member's job on the other node, and it is absent from its list", async () => {
    const job = await alice.submit();
    expect(job.owner).toBe(alice.id);
    expect((await alice.on(two).job(job.job_id)).owner).toBe(alice.id);

    const bobOnTwo = bob.on(two);
    expectProblem(await bobOnTwo.get(`/api/jobs/${job.job_id}`), 404);
    expectProblem(await bobOnTwo.post(`/api/jobs/${job.job_id}/cancel`), 404);
    expectProblem(await bobOnTwo.delete(`/api/jobs/${job.job_id}`), 404);
    const listed = (await bobOnTwo.get('/api/jobs')).body.jobs as Job[];
    expect(listed.map((j) => j.job_id)).not.toContain(job.job_id);
    expect((await alice.on(two).job(job.job_id)).status).not.toBe('cancelled');
  });

  it('a key revoked on one node answers 401 at once on the other', async () => {
    const { key, caller } = await alice.createKey();
    expectStatus(await caller.on(two).get('/api/auth/me'), 200);
    expectStatus(await alice.delete(`/api/api-keys/${key.api_key_id}`), 204);
    expectProblem(await caller.on(two).get('/api/auth/me'), 401, 'unauthenticated');
  });

  it(`the request rate is counted across both nodes: with ${LIMIT} a minute, 6 requests on each, the 11th and 12th answer 429`, async () => {
    const { caller } = await admin.createKey({ name: 'spread over nodes' });
    await awaitFreshWindow(one);
    const onOne: Answer[] = [];
    const onTwo: Answer[] = [];
    for (let i = 0; i < 6; i++) onOne.push(await caller.get('/api/jobs'));
    for (let i = 0; i < 6; i++) onTwo.push(await caller.on(two).get('/api/jobs'));

    const all = [...onOne, ...onTwo];
    all.slice(0, LIMIT).forEach((answer, i) => {
      expectStatus(answer, 200);
      expect(rateHeadersOf(answer)).toMatchObject({ limit: LIMIT, remaining: LIMIT - 1 - i });
    });
    for (const refused of all.slice(LIMIT)) {
      expectProblem(refused, 429);
      expect(rateHeadersOf(refused).retryAfter).toBeGreaterThanOrEqual(1);
    }
  });
});
