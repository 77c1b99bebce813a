import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import type { Job } from '@atelier/contracts';
import type { JobSort } from '@atelier/console/data-access';
import { JOB_STATUS_META, JobStatusIcon, formatDuration, jobElapsedMs } from '@atelier/console/ui';
import { JOB_TYPE_LABELS, fileNameOf } from '../state/jobs-view';
import { pageSelection } from '../state/page-selection';

/** The jobs table with row selection, sorted by creation on the server; clicking a row opens it. Presentational. */
@Component({
  selector: 'atl-jobs-table',
  imports: [DatePipe, MatCheckboxModule, MatProgressBarModule, MatSortModule, MatTableModule, JobStatusIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './jobs-table.component.html',
  styleUrl: './jobs-table.component.scss',
})
export class JobsTable {
  readonly jobs = input.required<readonly Job[]>();
  readonly selected = input.required<ReadonlySet<string>>();
  readonly activeId = input<string | null>(null);
  readonly now = input.required<number>();
  readonly sort = input<JobSort>('-created_at');
  readonly toggle = output<Job>();
  readonly toggleAll = output<boolean>();
  readonly open = output<Job>();
  readonly sortChange = output<JobSort>();

  protected readonly columns = ['select', 'status', 'title', 'type', 'progress', 'created', 'duration'];
  protected readonly meta = JOB_STATUS_META;
  protected readonly fileName = fileNameOf;
  protected readonly direction = computed(() => (this.sort() === 'created_at' ? 'asc' : 'desc'));
  protected readonly selection = computed(() => pageSelection(this.jobs(), this.selected()));

  protected statusLabel(job: Job): string {
    return this.meta[job.status].label;
  }

  protected typeLabel(job: Job): string {
    return JOB_TYPE_LABELS[job.type];
  }

  protected duration(job: Job): string {
    return formatDuration(jobElapsedMs(job, this.now()));
  }

  protected onSort(sort: Sort): void {
    this.sortChange.emit(sort.direction === 'asc' ? 'created_at' : '-created_at');
  }
}
