import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, linkedSignal, output, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { provideNativeDateAdapter } from '@angular/material/core';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule, type MatChipListboxChange } from '@angular/material/chips';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { Subject, debounceTime, distinctUntilChanged } from 'rxjs';
import { JOB_STATUSES, JOB_TYPES } from '@atelier/contracts';
import { JOB_STATUS_META } from '@atelier/console/ui';
import { JOB_TYPE_LABELS, dateOfDay, dayOf, type JobsQueryParams, type JobsView } from '../state/jobs-view';

/** New values of some query parameters; null removes one. `replace`: typing, not worth a history entry. */
export interface JobsViewChange {
  readonly params: { readonly [K in keyof JobsQueryParams]?: string | null };
  readonly replace?: boolean;
}

const SEARCH_DEBOUNCE_MS = 300;

/**
 * Search, date range, status chips, type and the internal-jobs toggle of the Jobs page; on a phone
 * (`compact`) everything but the search folds behind a Filters button. Presentational.
 */
@Component({
  selector: 'atl-jobs-filter-bar',
  imports: [MatButtonModule, MatChipsModule, MatDatepickerModule, MatFormFieldModule, MatIconModule, MatInputModule, MatSelectModule, MatSlideToggleModule],
  providers: [provideNativeDateAdapter()],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './jobs-filter-bar.component.html',
  styleUrl: './jobs-filter-bar.component.scss',
  host: { '[class.compact]': 'compact()' },
})
export class JobsFilterBar {
  readonly view = input.required<JobsView>();
  readonly compact = input(false);
  readonly changed = output<JobsViewChange>();

  protected readonly statusOptions = JOB_STATUSES.map((s) => ({ value: s, label: JOB_STATUS_META[s].label }));
  protected readonly typeOptions = JOB_TYPES.map((t) => ({ value: t, label: JOB_TYPE_LABELS[t] }));
  // What the fields show: each follows its own URL parameter only, so another change does not undo what is being typed.
  private readonly viewQ = computed(() => this.view().q);
  private readonly viewFrom = computed(() => this.view().from);
  private readonly viewTo = computed(() => this.view().to);
  protected readonly searchText = linkedSignal(() => this.viewQ());
  protected readonly fromDate = linkedSignal(() => dateOrNull(this.viewFrom()));
  protected readonly toDate = linkedSignal(() => dateOrNull(this.viewTo()));
  /** Filters set besides the search, counted on the folded Filters button. */
  protected readonly activeFilters = computed(() => {
    const v = this.view();
    return (v.statuses.length ? 1 : 0) + (v.types.length ? 1 : 0) + (v.from || v.to ? 1 : 0) + (v.showInternal ? 1 : 0);
  });
  protected readonly unfolded = signal(false);
  private readonly typed = new Subject<string>();

  constructor() {
    this.typed
      .pipe(debounceTime(SEARCH_DEBOUNCE_MS), distinctUntilChanged(), takeUntilDestroyed(inject(DestroyRef)))
      .subscribe((q) => this.emitSearch(q));
  }

  protected onSearchInput(value: string): void {
    this.searchText.set(value);
    this.typed.next(value);
  }

  /** Enter searches at once. */
  protected searchNow(): void {
    this.emitSearch(this.searchText());
  }

  protected clearSearch(): void {
    this.searchText.set('');
    this.emitSearch('');
  }

  protected onStatuses(change: MatChipListboxChange): void {
    const values = (change.value as string[] | undefined) ?? [];
    this.changed.emit({ params: { status: values.length ? values.join(',') : null } });
  }

  protected onTypes(values: readonly string[]): void {
    this.changed.emit({ params: { type: values.length ? values.join(',') : null } });
  }

  protected onInternal(show: boolean): void {
    this.changed.emit({ params: { internal: show ? '1' : null } });
  }

  /** Emitted once the range is complete and in order (or cleared), not at its first click. */
  protected onRange(): void {
    const from = this.fromDate();
    const to = this.toDate();
    if ((from && !to) || (from && to && from > to)) return;
    this.changed.emit({ params: { from: from ? dayOf(from) : null, to: to ? dayOf(to) : null } });
  }

  protected clearRange(): void {
    this.fromDate.set(null);
    this.toDate.set(null);
    this.changed.emit({ params: { from: null, to: null } });
  }

  private emitSearch(raw: string): void {
    const q = raw.trim();
    if (q === this.view().q) return;
    this.changed.emit({ params: { q: q || null }, replace: true });
  }
}

function dateOrNull(day: string | null): Date | null {
  return day ? dateOfDay(day) : null;
}
