/**
 * Idempotency-Key across two API processes sharing PostgreSQL (and Redis for dispatch): the key is
 * claimed in the shared database, so concurrent requests spread over both nodes create one job,
 * and either node replays the answer.
 */
import { AccessServer, TEST_DATABASE_URL, TEST_REDIS_URL, dropTestNamespace, expectProblem, expectStatus, testNamespace, type Caller } from '../access/access-harness';
import { analysisJobs, analyzeWithKey, expectReplayOf, newKey, uniquePng } from './idempotency-harness';

jest.setTimeout(180_000);

describe('idempotency, distributed (two API processes on PostgreSQL)', () => {
  const ns = testNamespace();
  const env = { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: ns.schema, QUEUE_PREFIX: ns.prefix, REDIS_URL: TEST_REDIS_URL, RUN_WORKERS: 'true' };
  let one: AccessServer;
  let two: AccessServer;
  let admin: Caller;
  let member: Caller;

  beforeAll(async () => {
    one = await AccessServer.start(env);
    two = await AccessServer.start(env);
    admin = await one.admin();
  });
  beforeEach(async () => {
    member = await admin.createUser('member');
  });
  afterAll(async () => {
    await one?.stop();
    await two?.stop();
    await dropTestNamespace(ns);
  });

  it('20 concurrent requests with one key over both nodes create one job; both nodes replay it', async () => {
    const key = newKey();
    const image = await uniquePng();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => analyzeWithKey(i % 2 ? member.on(two) : member, key, { image })));
    for (const a of answers) expectStatus(a, 202);
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
    expect(await analysisJobs(member)).toEqual([answers[0].body.job_id]);
    const first = answers.find((a) => a.headers['idempotent-replayed'] === undefined)!;
    expectReplayOf(await analyzeWithKey(member.on(two), key, { image }), first);
    expectReplayOf(await analyzeWithKey(member, key, { image }), first);
  });

  it('a waiting request on one node is replayed on the other; another request with its key answers 422 there', async () => {
    const key = newKey();
    const image = await uniquePng();
    const first = await analyzeWithKey(member, key, { image, query: '' });
    expectStatus(first, 200);
    expectReplayOf(await analyzeWithKey(member.on(two), key, { image, query: '' }), first);
    expectProblem(await analyzeWithKey(member.on(two), key, { image: await uniquePng(), query: '' }), 422, 'idempotency_mismatch');
    expect(await analysisJobs(member)).toEqual([first.body.job_id]);
  });
});
