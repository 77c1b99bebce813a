/** Access: each user's cap on queued + running jobs (JOB_QUOTA_PER_USER): 429 quota_exceeded, nothing created. */
import type { Job } from '@atelier/contracts';
import { expectProblem, expectStatus, uniquePng, useAccessServer, type Caller } from './access-harness';

jest.setTimeout(90_000);

describe('access: job quota per user', () => {
  // Slow analyses: the first two stay queued or running while the third is asked for.
  const suite = useAccessServer({ JOB_QUOTA_PER_USER: '2', OFFLINE_LATENCY_MS: '120000' });

  /**
   * A member whose one image is already stored, with no job of its own left open: a new upload
   * also makes a thumbnail job, which this test does not want to count either way.
   */
  async function memberWithImage(): Promise<{ member: Caller; image: Buffer }> {
    const member = await suite.admin.createUser('member');
    const image = await uniquePng();
    const first = await member.submit({ image });
    expectStatus(await member.post(`/api/jobs/${first.job_id}/cancel`), 200);
    const thumbnail = (await member.get('/api/jobs?type=generate_thumbnail')).body.jobs as Job[];
    for (const job of thumbnail) await member.waitForJob(job.job_id, (j) => j.status !== 'queued' && j.status !== 'running');
    return { member, image };
  }

  it('the third analysis of a user with two unfinished jobs answers 429 quota_exceeded and creates no job; another user is unaffected', async () => {
    const { member, image } = await memberWithImage();
    const other = await memberWithImage();
    await member.submit({ image, analyzer: 'hair-color' });
    await member.submit({ image, analyzer: 'makeup' });
    const before = await suite.admin.jobIds();

    const refused = await member.analyze({ image, analyzer: 'expression' });
    expectProblem(refused, 429, 'quota_exceeded');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(await suite.admin.jobIds()).toEqual(before);
    expectProblem(await member.analyze({ image, analyzer: 'comprehensive', fields: { analyzers: 'outfit' } }), 429, 'quota_exceeded');
    expect(await suite.admin.jobIds()).toEqual(before);

    // The other member has its own count.
    expectStatus(await other.member.analyze({ image: other.image }), 202);

    // Once one of the two ends, the member may ask again.
    const open = (await member.get('/api/jobs?status=queued,running')).body.jobs as Job[];
    expect(open).toHaveLength(2);
    expectStatus(await member.post(`/api/jobs/${open[0].job_id}/cancel`), 200);
    expectStatus(await member.analyze({ image, analyzer: 'expression' }), 202);
  });

  it('a comprehensive analysis counts its children', async () => {
    const { member, image } = await memberWithImage();
    expectProblem(await member.analyze({ image, analyzer: 'comprehensive', fields: { analyzers: 'hair-color,makeup,outfit' } }), 429, 'quota_exceeded');
    expect(await member.jobIds('&status=queued,running')).toEqual([]);
  });
});
