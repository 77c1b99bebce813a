import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { rxResource, takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSidenavModule } from '@angular/material/sidenav';
import { Router, RouterLink } from '@angular/router';
import { debounceTime, filter, map, of, switchMap } from 'rxjs';
import { BULK_ACTIONS, type BulkAction, type Job } from '@atelier/contracts';
import { JobsApi, JobsStream, problemMessage, type BulkTarget, type JobSort } from '@atelier/console/data-access';
import { Clock, confirmAction } from '@atelier/console/ui';
import { JobDetail } from '../detail/job-detail.component';
import { injectJobDetail } from '../detail/job-detail-state';
import { BULK_ACTION_LABELS, JobActions, describeBulkResult } from '../state/job-actions';
import { eligible, fresher } from '../state/job-eligibility';
import { INTERNAL_JOB_TYPES, CLEARED_FILTERS, hasFilters, jobFilterOf, parseJobsView } from '../state/jobs-view';
import { streamReconnects } from '../state/stream-reconnects';
import { JobCards } from './job-cards.component';
import { JobsFilterBar, type JobsViewChange } from './jobs-filter-bar.component';
import { JobsTable } from './jobs-table.component';

const PAGE_SIZE = 25;
const PHONE = '(max-width: 600px)';

/** What the last bulk action did, shown inline until dismissed (a snackbar would be replaced at once). */
interface BulkReport {
  readonly text: string;
  readonly failed: boolean;
}

/** The Jobs page: every job, searched and filtered on the server, paged by cursor, with bulk actions and a drawer. */
@Component({
  selector: 'atl-jobs-page',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, MatSidenavModule, RouterLink, JobsFilterBar, JobsTable, JobCards, JobDetail],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './jobs-page.component.html',
  styleUrl: './jobs-page.component.scss',
})
export class JobsPage {
  private readonly api = inject(JobsApi);
  private readonly stream = inject(JobsStream);
  private readonly actions = inject(JobActions);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly clock = inject(Clock);

  /** Query parameters (see JobsQueryParams), and `job`: the job open in the drawer. */
  readonly status = input<string | undefined>();
  readonly type = input<string | undefined>();
  readonly q = input<string | undefined>();
  readonly from = input<string | undefined>();
  readonly to = input<string | undefined>();
  readonly sort = input<string | undefined>();
  readonly internal = input<string | undefined>();
  readonly job = input<string | undefined>();

  protected readonly phone = toSignal(inject(BreakpointObserver).observe(PHONE).pipe(map((s) => s.matches)), { initialValue: false });
  protected readonly view = computed(
    () => parseJobsView({ status: this.status(), type: this.type(), q: this.q(), from: this.from(), to: this.to(), sort: this.sort(), internal: this.internal() }),
    { equal: (a, b) => JSON.stringify(a) === JSON.stringify(b) },
  );
  protected readonly filtered = computed(() => hasFilters(this.view()));
  private readonly filter = computed(() => jobFilterOf(this.view()));
  /** Cursors of the pages visited; the last one is the page shown. Reset when the view changes. */
  private readonly cursors = linkedSignal<unknown, readonly (string | null)[]>({ source: () => this.view(), computation: () => [null] });
  protected readonly pageIndex = computed(() => this.cursors().length - 1);
  protected readonly page = rxResource({
    params: () => ({ filter: this.filter(), sort: this.view().sort, cursor: this.cursors().at(-1) ?? null }),
    stream: ({ params }) => this.api.list({ ...params.filter, sort: params.sort, cursor: params.cursor, limit: PAGE_SIZE }),
  });
  protected readonly loadError = computed(() => (this.page.error() ? problemMessage(this.page.error()) : null));
  protected readonly streamDown = computed(() => this.stream.connection() === 'reconnecting');
  protected readonly rows = computed(() => {
    const live = this.stream.jobsById();
    return (this.page.hasValue() ? this.page.value().jobs : []).map((j) => fresher(j, live[j.job_id]));
  });
  protected readonly nextCursor = computed(() => (this.page.hasValue() ? this.page.value().next_cursor : null));

  protected readonly selected = linkedSignal<readonly Job[], ReadonlySet<string>>({
    source: () => this.rows(),
    computation: (rows, prev) => {
      const ids = new Set(rows.map((r) => r.job_id));
      return new Set([...(prev?.value ?? [])].filter((id) => ids.has(id)));
    },
  });
  protected readonly selectedJobs = computed(() => this.rows().filter((j) => this.selected().has(j.job_id)));
  protected readonly pageSelected = computed(() => this.rows().length > 0 && this.selected().size === this.rows().length);
  /** The bulk actions apply to every job matching the view (on the server), not to the selected rows. */
  protected readonly allMatching = linkedSignal({ source: () => this.view(), computation: () => false });
  protected readonly canBulk = computed(() => ({
    cancel: eligible(this.selectedJobs(), 'cancel').length,
    retry: eligible(this.selectedJobs(), 'retry').length,
    delete: eligible(this.selectedJobs(), 'delete').length,
  }));
  protected readonly bulkReport = signal<BulkReport | null>(null);
  protected readonly bulkBusy = signal(false);
  protected readonly actionLabels = BULK_ACTION_LABELS;
  protected readonly bulkActions = BULK_ACTIONS;

  protected readonly drawer = injectJobDetail(() => this.job(), {
    deleted: () => {
      this.openJob(null);
      this.refresh();
    },
  });

  constructor() {
    // New and deleted jobs change the first page: refresh it (batched) while it is shown.
    this.stream.events$
      .pipe(
        filter((e) => this.pageIndex() === 0 && (e.event === 'job.deleted' || (e.event === 'job.created' && this.listed(e.data)))),
        debounceTime(600),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe(() => this.refresh());
    // After the server was gone (a restart), the list is read again by itself, not only by Refresh.
    streamReconnects(toObservable(this.stream.connection))
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(() => this.refresh());
  }

  protected navigate(change: JobsViewChange): void {
    void this.router.navigate([], { queryParams: change.params, queryParamsHandling: 'merge', replaceUrl: change.replace ?? false });
  }

  protected setSort(sort: JobSort): void {
    this.navigate({ params: { sort: sort === 'created_at' ? 'created_at' : null } });
  }

  protected clearFilters(): void {
    this.navigate({ params: CLEARED_FILTERS });
  }

  protected openJob(job: Job | null): void {
    this.navigate({ params: { job: job?.job_id ?? null } });
  }

  protected nextPage(): void {
    const next = this.nextCursor();
    if (next) this.cursors.update((c) => [...c, next]);
  }

  protected previousPage(): void {
    this.cursors.update((c) => (c.length > 1 ? c.slice(0, -1) : c));
  }

  protected refresh(): void {
    this.page.reload();
  }

  protected toggle(job: Job): void {
    const next = new Set(this.selected());
    if (!next.delete(job.job_id)) next.add(job.job_id);
    this.selected.set(next);
    this.allMatching.set(false);
  }

  protected toggleAll(checked: boolean): void {
    this.selected.set(new Set(checked ? this.rows().map((j) => j.job_id) : []));
    this.allMatching.set(false);
  }

  /** Runs an action on the selected rows (the ones it applies to), or on every matching job. */
  protected runBulk(action: BulkAction): void {
    const matching = this.allMatching();
    const target: BulkTarget = matching ? { filter: this.filter() } : { jobIds: eligible(this.selectedJobs(), action).map((j) => j.job_id) };
    const label = this.actionLabels[action];
    const ask =
      matching || action === 'delete'
        ? confirmAction(this.dialog, {
            title: matching ? `${label} every matching job?` : `Delete ${this.canBulk().delete === 1 ? 'this job' : `${this.canBulk().delete} jobs`}?`,
            message: matching
              ? `This applies to every job these filters match, on every page. Jobs it does not apply to are skipped.${action === 'delete' ? ' Deleted jobs take their children with them; their presets stay.' : ''}`
              : 'Finished jobs are deleted with their children. Their presets stay.',
            confirmLabel: matching ? `${label} all` : label,
          })
        : of(true);
    ask
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.bulkBusy.set(true);
          return this.actions.bulk(action, target);
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (result) => {
          this.bulkBusy.set(false);
          this.bulkReport.set({ text: `${label}: ${describeBulkResult(action, result)}`, failed: false });
          this.toggleAll(false);
          this.refresh();
        },
        error: (err: unknown) => {
          this.bulkBusy.set(false);
          this.bulkReport.set({ text: `${label} failed: ${problemMessage(err)}`, failed: true });
        },
      });
  }

  /** Whether a new job belongs in the list as it is viewed (internal jobs churn while hidden). */
  private listed(job: Job): boolean {
    return this.view().showInternal || this.view().types.includes(job.type) || !INTERNAL_JOB_TYPES.includes(job.type);
  }
}
