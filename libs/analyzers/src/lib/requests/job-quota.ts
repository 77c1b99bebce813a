import { TooManyRequestsError, type AccessScope } from '@atelier/platform';

/** What the quota needs of the jobs module: a user's queued + running jobs, counted in the shared database. */
export interface UnfinishedJobs {
  unfinishedCount(owner: string): Promise<number>;
}

/**
 * JOB_QUOTA_PER_USER. Counting a user's open jobs reads every one of them (the count grows with the
 * user's backlog), so the requests of one user that arrive while a count is under way share it, and
 * add what this process has admitted for that user and the count may not have seen: a shared answer is never
 * more lenient than the count a request would have read alone, except for jobs opened elsewhere (a
 * retry, another node) during that one read, which is the window the check always had between
 * counting and creating. A refusal is decided only by a count of its own, so nobody is refused who
 * would not have been before.
 */
export class JobQuota {
  private readonly counting = new Map<string, SharedCount>();
  /** Jobs admitted per user whose creation has not ended yet. */
  private readonly admitted = new Map<string, number>();

  constructor(
    private readonly jobs: UnfinishedJobs,
    private readonly quota: () => number,
  ) {}

  /**
   * Runs `work` (store the upload, create the jobs) with `admitted`, which settles once the quota
   * lets `adding` more jobs in, or rejects with 429 quota_exceeded; `work` must not store anything
   * before it passes. Callers without a user (the system) are not counted.
   */
  async admitting<T>(scope: AccessScope, adding: number, work: (admitted: Promise<void>) => Promise<T>): Promise<T> {
    const owner = scope.actor;
    if (!owner) return work(Promise.resolve());
    const admitted = this.admit(owner, adding);
    try {
      return await work(admitted);
    } finally {
      if (await admitted.then(() => true, () => false)) this.release(owner, adding);
    }
  }

  private async admit(owner: string, adding: number): Promise<void> {
    const quota = this.quota();
    const shared = (await this.sharedCount(owner)) + (this.admitted.get(owner) ?? 0);
    if (shared + adding > quota) {
      const open = await this.jobs.unfinishedCount(owner);
      if (open + adding > quota) {
        throw new TooManyRequestsError(
          `You have ${open} queued or running jobs, and this request adds ${adding}: the limit is ${quota} (JOB_QUOTA_PER_USER). Wait for some to finish, or cancel some.`,
          30,
          'quota_exceeded',
        );
      }
    }
    this.admitted.set(owner, (this.admitted.get(owner) ?? 0) + adding);
  }

  /**
   * A count in flight may have read before these jobs were committed, so the jobs are added to what
   * its readers are told (`createdDuring`); a count started after creation sees them in the table.
   */
  private release(owner: string, adding: number): void {
    const inFlight = this.counting.get(owner);
    if (inFlight) inFlight.createdDuring += adding;
    const left = (this.admitted.get(owner) ?? 0) - adding;
    if (left > 0) this.admitted.set(owner, left);
    else this.admitted.delete(owner);
  }

  private async sharedCount(owner: string): Promise<number> {
    let count = this.counting.get(owner);
    if (!count) {
      const started: SharedCount = {
        open: this.jobs.unfinishedCount(owner).finally(() => this.counting.delete(owner)),
        createdDuring: 0,
      };
      this.counting.set(owner, started);
      count = started;
    }
    const open = await count.open;
    return open + count.createdDuring;
  }
}

/** One count of a user's open jobs under way, and the jobs this process created while it ran. */
interface SharedCount {
  readonly open: Promise<number>;
  createdDuring: number;
}
