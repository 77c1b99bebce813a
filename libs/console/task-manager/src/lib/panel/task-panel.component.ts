import { ScrollingModule } from '@angular/cdk/scrolling';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule, type MatChipListboxChange } from '@angular/material/chips';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { Job } from '@atelier/contracts';
import type { StreamConnection } from '@atelier/console/data-access';
import { TaskCard } from '../card/task-card.component';
import { GROUP_LABELS, TASK_FILTERS, type TaskFilter, type TaskRow } from '../state/task-rows';
import { RowSizesDirective } from '../virtual-scroll/row-sizes-scroll-strategy';

/** The panel's content: header, filter chips and the virtual list of grouped task cards. */
@Component({
  selector: 'atl-task-panel',
  imports: [ScrollingModule, MatButtonModule, MatChipsModule, MatIconModule, RouterLink, TaskCard, RowSizesDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './task-panel.component.html',
  styleUrl: './task-panel.component.scss',
})
export class TaskPanel {
  readonly rows = input.required<readonly TaskRow[]>();
  readonly counts = input.required<Readonly<Record<TaskFilter, number>>>();
  readonly filter = input.required<TaskFilter>();
  readonly connection = input.required<StreamConnection>();
  readonly now = input.required<number>();
  readonly endedCount = input(0);

  readonly filterChange = output<TaskFilter>();
  readonly closePanel = output<void>();
  readonly clearEnded = output<void>();
  readonly cancel = output<Job>();
  readonly retry = output<Job>();
  readonly dismiss = output<Job>();
  readonly toggleDetails = output<Job>();

  protected readonly filters = TASK_FILTERS;
  protected readonly groupLabels = GROUP_LABELS;
  protected readonly sizes = computed(() => this.rows().map((r) => r.size));
  protected readonly reconnecting = computed(() => this.connection() === 'reconnecting' || this.connection() === 'connecting');

  protected onFilter(change: MatChipListboxChange): void {
    this.filterChange.emit((change.value as TaskFilter | undefined) ?? 'all');
  }

  protected trackRow(_index: number, row: TaskRow): string {
    return row.key;
  }
}
