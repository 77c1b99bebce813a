import { Injectable, inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { Observable } from 'rxjs';
import type { Job } from '@atelier/contracts';
import { JobsApi, JobsStream, problemMessage } from '@atelier/console/data-access';
import { TaskDismissals } from './task-dismissals';

/** What the buttons of a task card do; the stream's events confirm every change. */
@Injectable({ providedIn: 'root' })
export class TaskActions {
  private readonly api = inject(JobsApi);
  private readonly stream = inject(JobsStream);
  private readonly dismissals = inject(TaskDismissals);
  private readonly snackBar = inject(MatSnackBar);

  cancel(job: Job): void {
    this.run(this.api.cancel(job.job_id), `Could not cancel “${job.title}”`);
  }

  retry(job: Job): void {
    this.dismissals.restore(job.job_id);
    this.run(this.api.retry(job.job_id), `Could not retry “${job.title}”`);
  }

  dismiss(job: Job): void {
    this.dismissals.dismiss(job.job_id);
  }

  private run(request: Observable<Job>, failure: string): void {
    request.subscribe({
      next: (job) => this.stream.upsert(job),
      error: (err: unknown) =>
        this.snackBar.open(`${failure}: ${problemMessage(err)}`, 'Close', { duration: 8000, panelClass: ['atl-snackbar', 'atl-snackbar-error'] }),
    });
  }
}
