import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { isFinished, type Job } from '@atelier/contracts';
import { JOB_STATUS_META, JobStatusIcon, formatDuration, jobElapsedMs } from '@atelier/console/ui';
import { TaskCardDetails } from './task-card-details.component';

/** One job in the task manager: status, progress, elapsed time, actions and details. Presentational. */
@Component({
  selector: 'atl-task-card',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, JobStatusIcon, TaskCardDetails],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './task-card.component.html',
  styleUrl: './task-card.component.scss',
  host: {
    role: 'article',
    '[attr.aria-labelledby]': '"task-title-" + job().job_id',
    '[attr.data-status]': 'job().status',
    '[attr.data-job-id]': 'job().job_id',
    '[class]': '"status-" + job().status',
  },
})
export class TaskCard {
  readonly job = input.required<Job>();
  /** Children of a parent job, from the live store. */
  readonly children = input<readonly Job[]>([]);
  /** Current time in ms; drives the ticking elapsed time. */
  readonly now = input.required<number>();
  readonly expanded = input(false);

  readonly cancel = output<Job>();
  readonly retry = output<Job>();
  readonly dismiss = output<Job>();
  readonly toggleDetails = output<Job>();

  protected readonly statusLabel = computed(() => JOB_STATUS_META[this.job().status].label);
  protected readonly ended = computed(() => isFinished(this.job().status));
  protected readonly active = computed(() => !this.ended());
  protected readonly canRetry = computed(() => this.job().status === 'failed' || this.job().status === 'cancelled');
  protected readonly percent = computed(() => Math.round(Math.min(1, Math.max(0, this.job().progress)) * 100));
  protected readonly elapsed = computed(() => formatDuration(jobElapsedMs(this.job(), this.now())));
  protected readonly step = computed(() => {
    const { current_step, total_steps, step_label, status } = this.job();
    if (status === 'queued') return 'Waiting in queue';
    const count = total_steps > 0 ? `Step ${current_step}/${total_steps}` : '';
    return [count, status === 'running' ? step_label : null].filter(Boolean).join(' · ');
  });
  protected readonly detailsId = computed(() => `task-details-${this.job().job_id}`);
}
