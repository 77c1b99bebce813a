import { ClipboardModule } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { Job } from '@atelier/contracts';
import { JOB_STATUS_META, JobStatusIcon } from '@atelier/console/ui';

/** The expandable part of a task card: error, id, created presets, children. Presentational. */
@Component({
  selector: 'atl-task-card-details',
  imports: [ClipboardModule, MatButtonModule, MatIconModule, RouterLink, JobStatusIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './task-card-details.component.html',
  styleUrl: './task-card-details.component.scss',
  host: { role: 'region', '[attr.aria-label]': '"Details of " + job().title' },
})
export class TaskCardDetails {
  readonly job = input.required<Job>();
  readonly children = input<readonly Job[]>([]);

  protected readonly copied = signal(false);
  protected readonly statusMeta = JOB_STATUS_META;
  protected readonly presetIds = computed(() => {
    const result = this.job().result;
    if (!result) return [];
    if ('preset_ids' in result) return result.preset_ids;
    if ('preset_id' in result) return [result.preset_id];
    return [];
  });
}
