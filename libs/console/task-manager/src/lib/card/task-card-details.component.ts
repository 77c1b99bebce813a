import { ClipboardModule } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { Job } from '@atelier/contracts';
import { JOB_STATUS_META, JobStatusIcon } from '@atelier/console/ui';
import { attemptsText, clockTime, describeFailure, retryWait } from '../state/failure-text';
import { PresetNames } from '../state/preset-names';
import { BatchChildren } from './batch-children.component';

/** The expandable part of a task card: the failure in plain words, id, created presets by name, children. */
@Component({
  selector: 'atl-task-card-details',
  imports: [ClipboardModule, MatButtonModule, MatIconModule, RouterLink, JobStatusIcon, BatchChildren],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './task-card-details.component.html',
  styleUrl: './task-card-details.component.scss',
  host: { role: 'region', '[attr.aria-label]': '"Details of " + job().title' },
})
export class TaskCardDetails {
  private readonly presetNames = inject(PresetNames);

  readonly job = input.required<Job>();
  readonly children = input<readonly Job[]>([]);
  readonly now = input(Date.now());
  /** A batch: its jobs are listed from their own read, not from `children`. */
  readonly batch = input(false);

  protected readonly copied = signal(false);
  protected readonly statusMeta = JOB_STATUS_META;
  protected readonly failure = computed(() => {
    const error = this.job().error;
    return this.job().status === 'failed' && error ? describeFailure(error) : null;
  });
  protected readonly attempts = computed(() => attemptsText(this.job()));
  protected readonly waiting = computed(() => {
    const wait = retryWait(this.job(), this.now());
    if (!wait) return null;
    return { at: clockTime(wait.at), attempt: wait.attempt, of: wait.of, lastError: wait.lastError ? describeFailure(wait.lastError).summary : null };
  });
  /** Presets the job created, each with its name (and the analysis that made it, while the name loads). */
  protected readonly presets = computed(() => {
    const result = this.job().result;
    const ids = !result ? [] : 'preset_ids' in result ? result.preset_ids : 'preset_id' in result ? [result.preset_id] : [];
    return ids.map((id) => {
      const maker = this.children().find((c) => c.result && 'preset_id' in c.result && c.result.preset_id === id) ?? this.job();
      return { id, name: this.presetNames.name(id), fallback: maker.title.replace(/ analysis$/i, '') };
    });
  });
}
