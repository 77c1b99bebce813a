import { DatePipe, JsonPipe } from '@angular/common';
import { ClipboardModule } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { Job } from '@atelier/contracts';
import { JOB_STATUS_META, JobStatusIcon, formatDuration, jobElapsedMs } from '@atelier/console/ui';
import { allows } from '../state/job-eligibility';

/** The drawer's content: everything about one job. Presentational. */
@Component({
  selector: 'atl-job-detail',
  imports: [DatePipe, JsonPipe, ClipboardModule, MatButtonModule, MatIconModule, MatProgressBarModule, RouterLink, JobStatusIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './job-detail.component.html',
  styleUrl: './job-detail.component.scss',
})
export class JobDetail {
  readonly job = input.required<Job>();
  readonly children = input<readonly Job[]>([]);
  readonly now = input.required<number>();
  readonly cancel = output<Job>();
  readonly retry = output<Job>();
  readonly remove = output<Job>();
  readonly closeDrawer = output<void>();

  protected readonly meta = JOB_STATUS_META;
  protected readonly allows = allows;
  protected readonly percent = computed(() => Math.round(this.job().progress * 100));
  protected readonly duration = computed(() => formatDuration(jobElapsedMs(this.job(), this.now())));
  protected readonly presetIds = computed(() => {
    const r = this.job().result;
    return !r ? [] : 'preset_ids' in r ? r.preset_ids : 'preset_id' in r ? [r.preset_id] : [];
  });
}
