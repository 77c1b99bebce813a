/** Access: a member's event stream carries its own jobs only, in the snapshot and in live events. */
import type { Job } from '@atelier/contracts';
import { SseClient, type SseEvent } from '../support/sse-client';
import { expectStatus, useAccessServer, type Caller } from './access-harness';

jest.setTimeout(90_000);

/** The job ids an event names: every job of a snapshot, the job of a job event. */
function jobIdsOf(event: SseEvent): string[] {
  const data = event.data as { jobs?: Job[]; job_id?: string };
  if (event.event === 'snapshot') return (data.jobs ?? []).map((j) => j.job_id);
  return data.job_id ? [data.job_id] : [];
}

/** Every Job object an event carries (job.deleted carries only an id). */
function jobsOf(event: SseEvent): Job[] {
  const data = event.data as Job & { jobs?: Job[] };
  if (event.event === 'snapshot') return data.jobs ?? [];
  return event.event.startsWith('job.') && event.event !== 'job.deleted' ? [data] : [];
}

const completedIn = (id: string) => (events: SseEvent[]) => events.some((e) => e.event === 'job.completed' && (e.data as Job).job_id === id);

describe("access: a member's event stream is scoped to its jobs", () => {
  let alice: Caller;
  let bob: Caller;
  const streams: SseClient[] = [];

  const suite = useAccessServer();

  beforeAll(async () => {
    alice = await suite.admin.createUser('member', 'Alice');
    bob = await suite.admin.createUser('member', 'Bob');
  });
  afterAll(() => streams.forEach((s) => s.close()));

  const connect = async (caller: Caller): Promise<SseClient> => {
    const stream = await SseClient.connect(`${suite.server.url}/api/jobs/stream`, caller.headers());
    streams.push(stream);
    expect(stream.status).toBe(200);
    await stream.waitFor((events) => events.some((e) => e.event === 'snapshot'), 10_000, 'the snapshot');
    return stream;
  };

  it("carries neither another member's jobs in its snapshot nor their live events; an operator's carries both", async () => {
    const bobsOld = await bob.waitForJob((await bob.submit()).job_id);
    const alicesOld = await alice.waitForJob((await alice.submit()).job_id);

    const alicesStream = await connect(alice);
    const { caller: alicesKey } = await alice.createKey();
    const alicesKeyStream = await connect(alicesKey);
    const operatorsStream = await connect(await suite.admin.createUser('operator'));

    const snapshotIds = jobIdsOf(alicesStream.events.find((e) => e.event === 'snapshot')!);
    expect(snapshotIds).toContain(alicesOld.job_id);
    expect(snapshotIds).not.toContain(bobsOld.job_id);
    const operatorsSnapshot = jobIdsOf(operatorsStream.events.find((e) => e.event === 'snapshot')!);
    expect(operatorsSnapshot).toEqual(expect.arrayContaining([alicesOld.job_id, bobsOld.job_id]));

    // Bob's new job and the deletion of his old one happen before Alice's new job: a stream that
    // leaked them would carry them before Alice's job completes.
    const bobsNew = await bob.submit();
    await bob.waitForJob(bobsNew.job_id);
    expectStatus(await bob.delete(`/api/jobs/${bobsOld.job_id}`), 204);
    const alicesNew = await alice.submit();

    await alicesStream.waitFor(completedIn(alicesNew.job_id), 30_000, "Alice's job to complete on her stream");
    await alicesKeyStream.waitFor(completedIn(alicesNew.job_id), 30_000, "Alice's job to complete on her key's stream");
    await operatorsStream.waitFor(completedIn(alicesNew.job_id), 30_000, "Alice's job to complete on the operator's stream");

    const bobsIds = [bobsOld.job_id, bobsNew.job_id];
    for (const stream of [alicesStream, alicesKeyStream]) {
      const seen = stream.events.flatMap(jobIdsOf);
      expect(seen).toContain(alicesNew.job_id);
      expect(seen.filter((id) => bobsIds.includes(id))).toEqual([]);
      expect(stream.events.flatMap(jobsOf).filter((j) => j.owner !== alice.id)).toEqual([]);
    }
    // The operator's stream proves those events of Bob's were sent.
    const operatorSaw = operatorsStream.events.filter((e) => e.event !== 'snapshot').flatMap(jobIdsOf);
    expect(operatorSaw).toEqual(expect.arrayContaining([bobsNew.job_id, bobsOld.job_id]));
  });
});
