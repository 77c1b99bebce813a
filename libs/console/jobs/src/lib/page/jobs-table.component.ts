import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import type { Job } from '@atelier/contracts';
import { JOB_STATUS_META, JobStatusIcon, formatDuration, jobElapsedMs } from '@atelier/console/ui';

/** The jobs table with row selection; clicking a row opens it. Presentational. */
@Component({
  selector: 'atl-jobs-table',
  imports: [DatePipe, MatCheckboxModule, MatProgressBarModule, MatTableModule, JobStatusIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './jobs-table.component.html',
  styleUrl: './jobs-table.component.scss',
})
export class JobsTable {
  readonly jobs = input.required<readonly Job[]>();
  readonly selected = input.required<ReadonlySet<string>>();
  readonly activeId = input<string | null>(null);
  readonly now = input.required<number>();
  readonly toggle = output<Job>();
  readonly toggleAll = output<boolean>();
  readonly open = output<Job>();

  protected readonly columns = ['select', 'status', 'title', 'type', 'progress', 'created', 'duration'];
  protected readonly meta = JOB_STATUS_META;
  protected readonly allSelected = computed(() => this.jobs().length > 0 && this.jobs().every((j) => this.selected().has(j.job_id)));
  protected readonly someSelected = computed(() => !this.allSelected() && this.jobs().some((j) => this.selected().has(j.job_id)));

  protected statusLabel(job: Job): string {
    return this.meta[job.status].label;
  }

  protected duration(job: Job): string {
    return formatDuration(jobElapsedMs(job, this.now()));
  }
}
