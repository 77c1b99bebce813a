import { DatePipe, JsonPipe } from '@angular/common';
import { ClipboardModule } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { Job } from '@atelier/contracts';
import { PresetsApi } from '@atelier/console/data-access';
import { JOB_STATUS_META, JobStatusIcon, formatDuration, jobElapsedMs } from '@atelier/console/ui';
import { allows } from '../state/job-eligibility';
import { JOB_TYPE_LABELS, fileNameOf } from '../state/jobs-view';
import type { JobDetailState } from './job-detail-state';
import { JobTimeline } from './job-timeline.component';

/** Everything about one job: in the Jobs page's drawer, and as the job's own page. */
@Component({
  selector: 'atl-job-detail',
  imports: [DatePipe, JsonPipe, ClipboardModule, MatButtonModule, MatIconModule, MatProgressBarModule, RouterLink, JobStatusIcon, JobTimeline],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './job-detail.component.html',
  styleUrl: './job-detail.component.scss',
  host: { '[class.in-drawer]': "variant() === 'drawer'" },
})
export class JobDetail {
  private readonly presetsApi = inject(PresetsApi);

  readonly job = input.required<Job>();
  readonly state = input.required<JobDetailState>();
  readonly now = input.required<number>();
  /** `page`: the job's own route (an h1, no close button); `drawer`: beside the list. */
  readonly variant = input<'page' | 'drawer'>('drawer');
  readonly closeDrawer = output<void>();

  protected readonly meta = JOB_STATUS_META;
  protected readonly typeLabels = JOB_TYPE_LABELS;
  protected readonly allows = allows;
  protected readonly percent = computed(() => Math.round(this.job().progress * 100));
  protected readonly duration = computed(() => formatDuration(jobElapsedMs(this.job(), this.now())));
  protected readonly fileName = computed(() => fileNameOf(this.job()));
  protected readonly inputImage = computed(() => this.imageUrl(this.job().input, 'image_id'));
  /** An image generation's result is an image of its own. */
  protected readonly resultImage = computed(() => this.imageUrl(this.job().result, 'image_id'));

  private imageUrl(from: unknown, key: string): string | null {
    const id = typeof from === 'object' && from !== null ? (from as Record<string, unknown>)[key] : null;
    return typeof id === 'string' && id ? this.presetsApi.thumbnailUrl(id) : null;
  }
}
