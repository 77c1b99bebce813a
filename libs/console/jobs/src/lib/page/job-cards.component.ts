import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { Job } from '@atelier/contracts';
import { JOB_STATUS_META, JobStatusIcon, formatDuration, jobElapsedMs } from '@atelier/console/ui';
import { JOB_TYPE_LABELS, fileNameOf } from '../state/jobs-view';
import { pageSelection } from '../state/page-selection';

/** The jobs as a list of cards, for phones (the table needs 760 px); each opens the job's page. Presentational. */
@Component({
  selector: 'atl-job-cards',
  imports: [DatePipe, MatCheckboxModule, MatProgressBarModule, RouterLink, JobStatusIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './job-cards.component.html',
  styleUrl: './job-cards.component.scss',
})
export class JobCards {
  readonly jobs = input.required<readonly Job[]>();
  readonly selected = input.required<ReadonlySet<string>>();
  readonly now = input.required<number>();
  readonly toggle = output<Job>();
  readonly toggleAll = output<boolean>();

  protected readonly meta = JOB_STATUS_META;
  protected readonly typeLabels = JOB_TYPE_LABELS;
  protected readonly fileName = fileNameOf;
  protected readonly selection = computed(() => pageSelection(this.jobs(), this.selected()));

  protected duration(job: Job): string {
    return formatDuration(jobElapsedMs(job, this.now()));
  }
}
