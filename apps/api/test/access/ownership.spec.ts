/** Access: ownership. Another member's job, preset or image answers 404, as if it did not exist; operators see everything. */
import type { Job, Preset } from '@atelier/contracts';
import { expectProblem, expectStatus, useAccessServer, type Answer, type Caller } from './access-harness';

jest.setTimeout(90_000);

const UNKNOWN_ID = '01936e3a-0000-7000-8000-000000000000';

describe('access: members see only their own jobs, presets and images', () => {
  let alice: Caller;
  let bob: Caller;
  let operator: Caller;
  let alicesJob: Job<'analyze'>;
  let bobsJob: Job<'analyze'>;

  const suite = useAccessServer();

  beforeAll(async () => {
    alice = await suite.admin.createUser('member', 'Alice');
    bob = await suite.admin.createUser('member', 'Bob');
    operator = await suite.admin.createUser('operator');
    alicesJob = (await alice.waitForJob((await alice.submit()).job_id)) as Job<'analyze'>;
    bobsJob = (await bob.waitForJob((await bob.submit()).job_id)) as Job<'analyze'>;
  });

  /** The same 404 another id that never existed gets (only the id differs). */
  async function expectAsIfAbsent(answer: Answer, id: string, unknown: () => Promise<Answer>): Promise<void> {
    expectProblem(answer, 404);
    const never = await unknown();
    expectProblem(never, 404);
    expect(answer.body.detail.replace(id, 'ID')).toBe(never.body.detail.replace(UNKNOWN_ID, 'ID'));
  }

  it('owner is filled on new jobs and presets with the user_id of their creator', async () => {
    expect(alicesJob.owner).toBe(alice.id);
    expect(bobsJob.owner).toBe(bob.id);
    const preset = await alice.get(`/api/presets/${alicesJob.result!.preset_id}`);
    expectStatus(preset, 200);
    expect((preset.body as Preset).owner).toBe(alice.id);

    const comprehensive = await alice.analyze({ analyzer: 'comprehensive', fields: { analyzers: 'hair-color,makeup' } });
    expectStatus(comprehensive, 202);
    const parent = comprehensive.body.job as Job;
    expect(parent.owner).toBe(alice.id);
    for (const child of parent.child_ids) expect((await alice.job(child)).owner).toBe(alice.id);
  });

  it("another member's job answers 404 to GET, cancel, retry and delete, and is absent from its list", async () => {
    const id = alicesJob.job_id;
    await expectAsIfAbsent(await bob.get(`/api/jobs/${id}`), id, () => bob.get(`/api/jobs/${UNKNOWN_ID}`));
    await expectAsIfAbsent(await bob.post(`/api/jobs/${id}/cancel`), id, () => bob.post(`/api/jobs/${UNKNOWN_ID}/cancel`));
    await expectAsIfAbsent(await bob.post(`/api/jobs/${id}/retry`), id, () => bob.post(`/api/jobs/${UNKNOWN_ID}/retry`));
    await expectAsIfAbsent(await bob.delete(`/api/jobs/${id}`), id, () => bob.delete(`/api/jobs/${UNKNOWN_ID}`));
    // Nothing happened to it.
    expect(await alice.job(id)).toMatchObject({ job_id: id, status: 'completed' });

    const bobsList = await bob.get('/api/jobs?limit=200');
    expectStatus(bobsList, 200);
    const listed = bobsList.body.jobs as Job[];
    expect(listed.map((j) => j.job_id)).toContain(bobsJob.job_id);
    expect(listed.map((j) => j.job_id)).not.toContain(id);
    expect(listed.every((j) => j.owner === bob.id)).toBe(true);
    expect(await bob.jobIds(`&parent_id=${id}`)).toEqual([]);
  });

  it("another member's preset answers 404 and is absent from its list", async () => {
    const id = alicesJob.result!.preset_id;
    await expectAsIfAbsent(await bob.get(`/api/presets/${id}`), id, () => bob.get(`/api/presets/${UNKNOWN_ID}`));
    await expectAsIfAbsent(await bob.patch(`/api/presets/${id}`, { name: 'Mine now' }), id, () => bob.patch(`/api/presets/${UNKNOWN_ID}`, { name: 'Mine now' }));
    await expectAsIfAbsent(await bob.delete(`/api/presets/${id}`), id, () => bob.delete(`/api/presets/${UNKNOWN_ID}`));
    expectProblem(await bob.post(`/api/presets/${id}/generate`, {}), 404);
    const kept = await alice.get(`/api/presets/${id}`);
    expectStatus(kept, 200);
    expect(kept.body.name).not.toBe('Mine now');

    const bobsPresets = await bob.get('/api/presets?limit=200');
    expectStatus(bobsPresets, 200);
    const ids = (bobsPresets.body.presets as Preset[]).map((p) => p.preset_id);
    expect(ids).toContain(bobsJob.result!.preset_id);
    expect(ids).not.toContain(id);
    expect((bobsPresets.body.presets as Preset[]).every((p) => p.owner === bob.id)).toBe(true);
  });

  it("another member's image answers 404, original and thumbnail", async () => {
    const imageId = alicesJob.input.image_id;
    expectStatus(await alice.get(`/api/images/${imageId}`), 200);
    expectProblem(await bob.get(`/api/images/${imageId}`), 404);
    expectProblem(await bob.get(`/api/images/${imageId}/thumbnail`), 404);
    expectStatus(await bob.get(`/api/images/${bobsJob.input.image_id}`), 200);
  });

  it('an operator sees the jobs, presets and images of both members', async () => {
    const jobs = await operator.jobIds();
    expect(jobs).toEqual(expect.arrayContaining([alicesJob.job_id, bobsJob.job_id]));
    for (const job of [alicesJob, bobsJob]) {
      expectStatus(await operator.get(`/api/jobs/${job.job_id}`), 200);
      expectStatus(await operator.get(`/api/presets/${job.result!.preset_id}`), 200);
      expectStatus(await operator.get(`/api/images/${job.input.image_id}`), 200);
    }
    const presets = await operator.get('/api/presets?limit=200');
    expect((presets.body.presets as Preset[]).map((p) => p.preset_id)).toEqual(expect.arrayContaining([alicesJob.result!.preset_id, bobsJob.result!.preset_id]));
  });

  it('the owner acts on its own job: delete answers 204', async () => {
    expectStatus(await bob.delete(`/api/jobs/${bobsJob.job_id}`), 204);
    expectProblem(await bob.get(`/api/jobs/${bobsJob.job_id}`), 404);
  });
});
