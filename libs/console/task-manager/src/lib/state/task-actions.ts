import { Injectable, inject, signal } from '@angular/core';
import { finalize, map, type Observable } from 'rxjs';
import type { Job } from '@atelier/contracts';
import { JobsApi, JobsStream, problemMessage } from '@atelier/console/data-access';
import { NoticeQueue } from './notice-queue';
import { PanelContent } from './panel-content';
import { StreamRecovery } from './stream-recovery';

/** Runs `work` after the browser painted the next frame: what a click changed shows before the work starts. */
function afterNextPaint(work: () => void): void {
  requestAnimationFrame(() => setTimeout(work));
}

/** What the buttons of a task card do; the stream's events confirm every change. */
@Injectable({ providedIn: 'root' })
export class TaskActions {
  private readonly api = inject(JobsApi);
  private readonly stream = inject(JobsStream);
  private readonly content = inject(PanelContent);
  private readonly recovery = inject(StreamRecovery);
  private readonly notices = inject(NoticeQueue);

  /** Jobs with a request under way: their buttons wait for the answer. */
  readonly busy = signal<ReadonlySet<string>>(new Set());

  cancel(job: Job): void {
    this.send(job, this.api.cancel(job.job_id), `Could not cancel “${job.title}”`);
  }

  retry(job: Job): void {
    this.send(job, this.api.retry(job.job_id), `Could not retry “${job.title}”`);
  }

  /** The failed children of a parent that still runs (a batch) run again; the stream shows them going. */
  retryFailed(parent: Job): void {
    const request = this.api.bulk('retry', { filter: { parentId: parent.job_id, status: ['failed'] } }).pipe(map(() => null));
    this.send(parent, request, `Could not retry the failed jobs of “${parent.title}”`);
  }

  dismiss(...jobs: Job[]): void {
    if (this.recovery.stale() || jobs.length === 0) return;
    // The cards leave at once; the request goes once the screen has shown it.
    const request = this.content.dismiss(jobs.map((j) => j.job_id));
    afterNextPaint(() =>
      request.subscribe({
        error: (err: unknown) => this.fail(jobs.length === 1 ? `Could not dismiss “${jobs[0].title}”` : `Could not dismiss ${jobs.length} tasks`, err),
      }),
    );
  }

  /** `request` answers the job as it is now (then the store takes it), or null when the stream alone will tell. */
  private send(job: Job, request: Observable<Job | null>, failure: string): void {
    // Disconnected, the card's buttons are disabled; a request now would fail or go unconfirmed.
    if (this.recovery.stale() || this.busy().has(job.job_id)) return;
    this.mark(job.job_id, true);
    // The card says "Cancelling…" at once; the request (and its cookie read) waits until that is on screen.
    afterNextPaint(() =>
      request.pipe(finalize(() => this.mark(job.job_id, false))).subscribe({
        next: (answer) => {
          if (answer) this.stream.upsert(answer);
        },
        error: (err: unknown) => this.fail(failure, err),
      }),
    );
  }

  private mark(jobId: string, busy: boolean): void {
    const next = new Set(this.busy());
    if (busy) next.add(jobId);
    else next.delete(jobId);
    this.busy.set(next);
  }

  private fail(message: string, err: unknown): void {
    this.notices.show({ message: `${message}: ${problemMessage(err)}`, kind: 'error', action: 'Close' });
  }
}
