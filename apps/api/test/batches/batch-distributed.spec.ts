/**
 * A batch in distributed mode: two built API processes on PostgreSQL + Redis, each running workers
 * (RUN_WORKERS=true). One node accepts a batch of comprehensive analyses; the other node's stream,
 * following the batch, sees it end with every child; a cancel on that node reaches every level.
 */
import { isFinished, type Job } from '@atelier/contracts';
import { AccessServer, TEST_DATABASE_URL, TEST_REDIS_URL, dropTestNamespace, expectStatus, testNamespace, until, type Caller } from '../access/access-harness';
import { batchForm } from './batch-support';
import { StreamMeter } from './stream-meter';

jest.setTimeout(180_000);


describe('batches, distributed (two API processes running workers on PostgreSQL + Redis)', () => {
  const ns = testNamespace();
  const env = { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: ns.schema, QUEUE_PREFIX: ns.prefix, REDIS_URL: TEST_REDIS_URL, RUN_WORKERS: 'true', OFFLINE_LATENCY_MS: '300' };
  let one: AccessServer;
  let two: AccessServer;
  let member: Caller;

  beforeAll(async () => {
    one = await AccessServer.start(env);
    two = await AccessServer.start(env);
    member = await (await one.admin()).createUser('member');
  });
  afterAll(async () => {
    await one?.stop();
    await two?.stop();
    await dropTestNamespace(ns);
  });

  const post = async (count: number, fields: Record<string, string>) => {
    const form = await batchForm(count, fields);
    const answer = await member.call('POST', '/api/batches', { body: form.body, contentType: form.contentType });
    expectStatus(answer, 202);
    return answer.body.job as Job<'batch'>;
  };

  it("one node accepts it, both run it, and the other node's stream sees every child and the batch end", async () => {
    const batch = await post(12, { analyzers: 'makeup,hair-color' });
    const stream = await StreamMeter.open(`${two.url}/api/jobs/stream?job_id=${batch.job_id}`, member.headers());
    await stream.until((events) => events.some((e) => e.job?.job_id === batch.job_id && isFinished(e.job.status)), 120_000, 'the batch to end');
    stream.stop();
    const ended = (await member.on(two).get(`/api/jobs/${batch.job_id}`)).body as Job;
    expect(ended).toMatchObject({ status: 'completed', title: 'Batch (12/12)', progress: 1 });
    const children = (await member.on(two).get(`/api/jobs?parent_id=${batch.job_id}&limit=50`)).body.jobs as Job[];
    expect(children.map((c) => [c.type, c.status, c.child_ids.length])).toEqual(Array(12).fill(['comprehensive_analyze', 'completed', 2]));
    const finished = new Set(stream.events.filter((e) => e.job && isFinished(e.job.status)).map((e) => e.job!.job_id));
    for (const id of batch.child_ids) expect(finished.has(id)).toBe(true);
  });

  it('a cancel on the other node reaches every level, and the batch can be deleted with all of it', async () => {
    const batch = await post(6, { analyzers: 'makeup,outfit' });
    await until('the batch to run', async () => ((await member.get(`/api/jobs/${batch.job_id}`)).body as Job).status === 'running');
    expectStatus(await member.on(two).call('POST', `/api/jobs/${batch.job_id}/cancel`), 200);
    const children = (await member.get(`/api/jobs?parent_id=${batch.job_id}&limit=50`)).body.jobs as Job[];
    const grandchildren = (await Promise.all(children.map(async (c) => (await member.get(`/api/jobs?parent_id=${c.job_id}`)).body.jobs as Job[]))).flat();
    expect(grandchildren).toHaveLength(12);
    await until('every job of the batch to end', async () => {
      const all = await Promise.all([...children, ...grandchildren].map(async (j) => (await member.get(`/api/jobs/${j.job_id}`)).body as Job));
      return all.every((j) => isFinished(j.status));
    });
    expectStatus(await member.delete(`/api/jobs/${batch.job_id}`), 204);
    for (const job of [batch, ...children, ...grandchildren]) expectStatus(await member.on(two).get(`/api/jobs/${job.job_id}`), 404);
  });
});
