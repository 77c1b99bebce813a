import { TooManyRequestsError } from '@atelier/platform';
import { JobQuota, type UnfinishedJobs } from './job-quota';

/** The jobs module's count, answered by the test: each read answers `state.open` when the test settles it. */
function countOf(open: number) {
  const state = { open, reads: 0 };
  const waiting: (() => void)[] = [];
  const jobs: UnfinishedJobs = {
    unfinishedCount: () => {
      state.reads++;
      return new Promise<number>((resolve) => waiting.push(() => resolve(state.open)));
    },
  };
  /** Settles every read under way, then lets the callers go on. */
  const settle = async () => {
    for (const go of waiting.splice(0)) go();
    await new Promise((r) => setImmediate(r));
  };
  return { state, jobs, settle };
}

const alice = { actor: 'alice' };

/** A request's work: waits for admission, then stays "creating" until `done` is called. */
function request(quota: JobQuota, adding = 1, scope: { actor?: string } = alice) {
  let done!: () => void;
  const created = new Promise<void>((r) => (done = r));
  const answer = quota.admitting(scope, adding, async (admitted) => {
    await admitted;
    await created;
    return 'created';
  });
  answer.catch(() => undefined);
  return { answer, done };
}

describe('JobQuota', () => {
  it('requests of one user arriving during a count share it', async () => {
    const { state, jobs, settle } = countOf(0);
    const quota = new JobQuota(jobs, () => 100);
    const three = [request(quota), request(quota), request(quota)];
    await settle();
    three.forEach((r) => r.done());
    expect(await Promise.all(three.map((r) => r.answer))).toEqual(['created', 'created', 'created']);
    expect(state.reads).toBe(1);
  });

  it('a shared count adds what was admitted and not yet created, and a refusal comes from a count of its own', async () => {
    const { state, jobs, settle } = countOf(1);
    const quota = new JobQuota(jobs, () => 3);
    const [a, b, c] = [request(quota), request(quota), request(quota)];
    await settle();
    // a and b fit (1 open + 2); c would make 4 with them, so it reads the count again.
    expect(state.reads).toBe(2);
    state.open = 3;
    await settle();
    await expect(c.answer).rejects.toBeInstanceOf(TooManyRequestsError);
    await expect(c.answer).rejects.toMatchObject({ code: 'quota_exceeded', status: 429 });
    a.done();
    b.done();
    expect(await a.answer).toBe('created');
    expect(await b.answer).toBe('created');
  });

  it('nobody is refused whom a count of its own lets in', async () => {
    const { state, jobs, settle } = countOf(2);
    const quota = new JobQuota(jobs, () => 3);
    const [a, b] = [request(quota), request(quota)];
    await settle();
    // b's shared answer (2 open + a's 1 + 1) is over, but the jobs finished meanwhile: its own count says 0.
    state.open = 0;
    await settle();
    a.done();
    b.done();
    expect(await b.answer).toBe('created');
    expect(state.reads).toBe(2);
  });

  it('what a request admitted stops counting once its jobs are created, or once it failed', async () => {
    const { state, jobs, settle } = countOf(0);
    const quota = new JobQuota(jobs, () => 2);
    const first = request(quota, 2);
    await settle();
    first.done();
    await first.answer;
    const failing = quota.admitting(alice, 2, async (admitted) => {
      await admitted;
      throw new Error('the upload was not an image');
    });
    await settle();
    await expect(failing).rejects.toThrow('not an image');
    const later = request(quota, 2);
    await settle();
    later.done();
    expect(await later.answer).toBe('created');
    expect(state.reads).toBe(3);
  });

  it('jobs created while a count is under way stay added until that count settles (it may not have seen them)', async () => {
    const { state, jobs, settle } = countOf(0);
    const quota = new JobQuota(jobs, () => 2);
    const first = request(quota, 2);
    await settle();
    // A second count starts (a request that would not fit the shared answer), and first's jobs are created meanwhile.
    const second = request(quota, 1);
    await new Promise((r) => setImmediate(r));
    first.done();
    await first.answer;
    // A third request joins the count in flight, which answers 0 (it read before first's jobs were
    // committed): first's 2 must still be added, so both read a count of their own, which sees them.
    const third = request(quota, 1);
    await settle();
    state.open = 2;
    await settle();
    await expect(second.answer).rejects.toMatchObject({ code: 'quota_exceeded' });
    await expect(third.answer).rejects.toMatchObject({ code: 'quota_exceeded' });
  });

  it("each user has their own count, and the system's own jobs are not counted", async () => {
    const { state, jobs, settle } = countOf(0);
    const quota = new JobQuota(jobs, () => 1);
    const a = request(quota, 1, alice);
    const b = request(quota, 1, { actor: 'bob' });
    const system = request(quota, 5, {});
    await settle();
    [a, b, system].forEach((r) => r.done());
    expect(await Promise.all([a.answer, b.answer, system.answer])).toEqual(['created', 'created', 'created']);
    expect(state.reads).toBe(2);
  });
});
