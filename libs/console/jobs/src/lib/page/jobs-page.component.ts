import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router } from '@angular/router';
import { debounceTime, filter, of, switchMap } from 'rxjs';
import { JOB_STATUSES, JOB_TYPES, type Job } from '@atelier/contracts';
import { JobsApi, JobsStream, problemMessage } from '@atelier/console/data-access';
import { Clock, JOB_STATUS_META, confirmAction } from '@atelier/console/ui';
import { JobDetail } from '../detail/job-detail.component';
import { BulkJobActions, describeOutcome } from '../state/bulk-job-actions';
import { eligible, fresher, type BulkAction } from '../state/job-eligibility';
import { JobsTable } from './jobs-table.component';

const PAGE_SIZE = 25;

/** The Jobs page: every job, filtered on the server, paged by cursor, with bulk actions and a drawer. */
@Component({
  selector: 'atl-jobs-page',
  imports: [MatButtonModule, MatFormFieldModule, MatIconModule, MatProgressBarModule, MatSelectModule, MatSidenavModule, JobsTable, JobDetail],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './jobs-page.component.html',
  styleUrl: './jobs-page.component.scss',
})
export class JobsPage {
  private readonly api = inject(JobsApi);
  private readonly stream = inject(JobsStream);
  private readonly bulk = inject(BulkJobActions);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly clock = inject(Clock);

  /** Query parameters: `?status=failed,cancelled&type=analyze&job=<id>`. */
  readonly status = input<string | undefined>();
  readonly type = input<string | undefined>();
  readonly job = input<string | undefined>();

  protected readonly statusOptions = JOB_STATUSES.map((s) => ({ value: s, label: JOB_STATUS_META[s].label }));
  protected readonly typeOptions = JOB_TYPES;
  protected readonly statuses = computed(() => parseList(this.status(), JOB_STATUSES));
  protected readonly types = computed(() => parseList(this.type(), JOB_TYPES));
  private readonly reload = signal(0);
  /** Cursors of the pages visited; the last one is the page shown. Reset when a filter changes. */
  private readonly cursors = linkedSignal<unknown, readonly (string | null)[]>({
    source: () => [this.statuses(), this.types()],
    computation: () => [null],
  });
  protected readonly pageIndex = computed(() => this.cursors().length - 1);
  protected readonly page = rxResource({
    params: () => ({ status: this.statuses(), type: this.types(), cursor: this.cursors().at(-1) ?? null, reload: this.reload() }),
    stream: ({ params }) => this.api.list({ status: params.status, type: params.type, cursor: params.cursor, limit: PAGE_SIZE }),
  });
  protected readonly loadError = computed(() => (this.page.error() ? problemMessage(this.page.error()) : null));
  protected readonly rows = computed(() => {
    const live = this.stream.jobsById();
    return (this.page.hasValue() ? this.page.value().jobs : []).map((j) => fresher(j, live[j.job_id]));
  });
  protected readonly nextCursor = computed(() => (this.page.hasValue() ? this.page.value().next_cursor : null));
  protected readonly selected = linkedSignal<readonly Job[], ReadonlySet<string>>({ source: () => this.rows(), computation: (rows, prev) => {
    const ids = new Set(rows.map((r) => r.job_id));
    return new Set([...(prev?.value ?? [])].filter((id) => ids.has(id)));
  } });
  protected readonly selectedJobs = computed(() => this.rows().filter((j) => this.selected().has(j.job_id)));
  protected readonly canBulk = computed(() => ({
    cancel: eligible(this.selectedJobs(), 'cancel').length,
    retry: eligible(this.selectedJobs(), 'retry').length,
    delete: eligible(this.selectedJobs(), 'delete').length,
  }));
  private readonly fetched = rxResource({
    params: () => this.job(),
    stream: ({ params }) => (params ? this.api.get(params) : of(null)),
  });
  protected readonly detail = computed(() => {
    const id = this.job();
    const base = this.rows().find((j) => j.job_id === id) ?? (this.fetched.hasValue() ? this.fetched.value() : null);
    return base ? fresher(base, this.stream.jobsById()[base.job_id]) : null;
  });
  private readonly childPage = rxResource({
    params: () => (this.detail()?.child_ids.length ? this.detail()?.job_id : undefined),
    stream: ({ params }) => this.api.list({ parentId: params, limit: 200 }),
  });
  protected readonly children = computed(() => {
    const live = this.stream.jobsById();
    return (this.childPage.hasValue() ? this.childPage.value().jobs : []).map((j) => fresher(j, live[j.job_id]));
  });

  constructor() {
    // New and deleted jobs change the first page: refresh it (batched) while it is shown.
    this.stream.events$
      .pipe(
        filter((e) => (e.event === 'job.created' || e.event === 'job.deleted') && this.pageIndex() === 0),
        debounceTime(600),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe(() => this.refresh());
  }

  protected setFilter(name: 'status' | 'type', values: readonly string[]): void {
    void this.router.navigate([], { queryParams: { [name]: values.length ? values.join(',') : null }, queryParamsHandling: 'merge' });
  }

  protected openJob(job: Job | null): void {
    void this.router.navigate([], { queryParams: { job: job?.job_id ?? null }, queryParamsHandling: 'merge' });
  }

  protected nextPage(): void {
    const next = this.nextCursor();
    if (next) this.cursors.update((c) => [...c, next]);
  }

  protected previousPage(): void {
    this.cursors.update((c) => (c.length > 1 ? c.slice(0, -1) : c));
  }

  protected refresh(): void {
    this.reload.update((n) => n + 1);
  }

  protected toggle(job: Job): void {
    const next = new Set(this.selected());
    if (!next.delete(job.job_id)) next.add(job.job_id);
    this.selected.set(next);
  }

  protected toggleAll(checked: boolean): void {
    this.selected.set(new Set(checked ? this.rows().map((j) => j.job_id) : []));
  }

  protected runBulk(action: BulkAction, jobs: readonly Job[] = this.selectedJobs()): void {
    const confirmed =
      action === 'delete'
        ? confirmAction(this.dialog, {
            title: `Delete ${jobs.length === 1 ? 'this job' : `${eligible(jobs, 'delete').length} jobs`}?`,
            message: 'Finished jobs are deleted with their children. Their presets stay.',
            confirmLabel: 'Delete',
          })
        : of(true);
    confirmed.pipe(filter(Boolean), switchMap(() => this.bulk.run(action, jobs))).subscribe((outcome) => {
      this.snackBar.open(describeOutcome(outcome), 'Close', { duration: 6000 });
      if (action === 'delete' && jobs.some((j) => j.job_id === this.job())) this.openJob(null);
      this.refresh();
    });
  }
}

function parseList<T extends string>(raw: string | undefined, allowed: readonly T[]): T[] {
  return (raw ?? '').split(',').filter((v): v is T => (allowed as readonly string[]).includes(v));
}

