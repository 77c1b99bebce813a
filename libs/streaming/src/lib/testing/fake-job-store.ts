import { isFinished, type Job } from '@atelier/contracts';
import type { JobListQuery, JobStore } from '@atelier/jobs';

type Read = 'list' | 'snapshot' | 'get' | 'children' | 'getMany';

const newestFirst = (a: Job, b: Job) => (a.job_id < b.job_id ? 1 : -1);

/** The reads streams make of the job store, over an array of jobs: counts them, and can hold them until a test lets go. */
export class FakeJobStore {
  jobs: Job[] = [];
  readonly calls: Record<Read, number> = { list: 0, snapshot: 0, get: 0, children: 0, getMany: 0 };
  /** While set, every read waits for it; a rejected one fails the reads. */
  hold?: Promise<unknown>;

  get store(): JobStore {
    return this as unknown as JobStore;
  }

  async list(q: JobListQuery): Promise<Job[]> {
    await this.enter('list');
    return this.newestFirst()
      .filter((j) => !q.statuses?.length || q.statuses.includes(j.status))
      .filter((j) => !q.beforeId || j.job_id < q.beforeId)
      .slice(0, q.limit);
  }

  async snapshot(finishedSince: string, limit: number): Promise<Job[]> {
    await this.enter('snapshot');
    return this.newestFirst()
      .filter((j) => !isFinished(j.status) || (j.finished_at ?? '') >= finishedSince)
      .slice(0, limit);
  }

  async get(id: string): Promise<Job | undefined> {
    await this.enter('get');
    return this.jobs.find((j) => j.job_id === id);
  }

  async children(parentId: string): Promise<Job[]> {
    await this.enter('children');
    return this.jobs.filter((j) => j.parent_id === parentId);
  }

  async getMany(ids: string[]): Promise<Job[]> {
    await this.enter('getMany');
    return this.jobs.filter((j) => ids.includes(j.job_id));
  }

  /** Every read of the store so far. */
  get reads(): number {
    return Object.values(this.calls).reduce((a, b) => a + b, 0);
  }

  private async enter(read: Read): Promise<void> {
    this.calls[read]++;
    await this.hold;
  }

  private newestFirst(): Job[] {
    return [...this.jobs].sort(newestFirst);
  }
}
