/**
 * Operations across a restart on the same DATA_DIR: the stats come from durable records (the
 * restarted server answers the same chart data), and a paused queue stays paused, holding its jobs
 * until it is resumed.
 */
import { AccessServer, expectStatus, until, type Caller } from '../access/access-harness';
import { allJobs, expectStayQueued, pauseQueue, queueOf, resumeQueue, settled, sharedDataDir, summaryOf, timeseriesOf } from './operations-harness';

jest.setTimeout(120_000);

describe('operations across a restart (same DATA_DIR)', () => {
  const data = sharedDataDir();
  let server: AccessServer | undefined;
  let admin: Caller;

  const restart = async () => {
    await server?.stop();
    server = await AccessServer.start({ DATA_DIR: data.path });
    admin = await server.admin();
  };

  afterAll(async () => {
    await server?.stop();
    data.remove();
  });

  it('the stats come from durable records: a restarted server finds the same chart data', async () => {
    await restart();
    const from = new Date(Date.now() - 1000).toISOString();
    const member = await admin.createUser('member');
    for (const job of [await admin.submit(), await member.submit(), await member.submit()]) await admin.waitForJob(job.job_id);
    const cancelled = await admin.submit();
    await admin.post(`/api/jobs/${cancelled.job_id}/cancel`);
    await settled(admin);
    const query = { from, to: new Date(Date.now() + 1000).toISOString(), bucket: '1m' };
    const before = { series: await timeseriesOf(admin, query), summary: await summaryOf(admin), ofMember: await summaryOf(member) };
    expect(before.series.points.reduce((n, p) => n + p.completed, 0)).toBeGreaterThanOrEqual(3);
    expect(before.summary.by_status.completed).toBeGreaterThanOrEqual(3);

    await restart();
    expect(await timeseriesOf(admin, query)).toEqual(before.series);
    expect(await summaryOf(admin)).toEqual(before.summary);
    expect(await summaryOf(member.on(server!))).toEqual(before.ofMember);
  });

  it('a paused queue survives a restart: its jobs stay queued until it is resumed', async () => {
    const paused = await pauseQueue(admin, 'analyze');
    const held = [(await admin.submit()).job_id, (await admin.submit()).job_id];
    await restart();

    const queue = await queueOf(admin, 'analyze');
    expect(queue).toMatchObject({ paused: true, changed_by: admin.id, changed_at: paused.changed_at, queued: 2 });
    // The restart hands queued jobs to the workers again; the thumbnails of the uploads run, the analyses wait.
    await until('the thumbnails to complete', async () => (await allJobs(admin)).filter((j) => j.type === 'generate_thumbnail').every((j) => j.status === 'completed'));
    await expectStayQueued(admin, held);
    const fresh = await admin.submit();
    await expectStayQueued(admin, [fresh.job_id], 500);

    expect(await resumeQueue(admin, 'analyze')).toMatchObject({ paused: false, changed_by: admin.id });
    for (const id of [...held, fresh.job_id]) expect((await admin.waitForJob(id)).status).toBe('completed');
    await restart();
    expect(await queueOf(admin, 'analyze')).toMatchObject({ paused: false, queued: 0 });
    expectStatus(await admin.get('/api/health'), 200);
  });
});
