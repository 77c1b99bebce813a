import { ScrollingModule } from '@angular/cdk/scrolling';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { Job } from '@atelier/contracts';
import { API_BASE_URL, JobsApi, JobsStream, problemMessage } from '@atelier/console/data-access';
import { JOB_STATUS_META, JobStatusIcon } from '@atelier/console/ui';
import { childRows, readChildren, type BatchChildRow } from '../state/batch-children';
import { imageIdOf } from '../state/task-subject';
import { BATCH_CHILD_ROWS } from '../state/task-rows';

/** The jobs of an expanded batch card: thumbnail, file, status; read when the card opens, virtualised. */
@Component({
  selector: 'atl-batch-children',
  imports: [ScrollingModule, RouterLink, JobStatusIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="head">
      <span>Jobs of this batch</span>
      @if (children.isLoading()) {
        <span class="note">reading…</span>
      } @else if (children.error()) {
        <span class="note" role="alert">{{ error() }}</span>
      }
    </p>
    <cdk-virtual-scroll-viewport [itemSize]="rowPx" [style.height.px]="height()" role="list" aria-label="Jobs of this batch" data-testid="batch-children">
      <a
        *cdkVirtualFor="let row of rows(); trackBy: trackRow"
        class="child"
        role="listitem"
        [routerLink]="['/jobs', row.id]"
        data-testid="batch-child"
        [attr.data-status]="row.job?.status ?? 'queued'"
      >
        <span class="thumb" aria-hidden="true">
          @if (row.job && thumbnail(row.job); as src) {
            <img [src]="src" alt="" width="24" height="24" loading="lazy" decoding="async" />
          }
        </span>
        <atl-job-status-icon [status]="row.job?.status ?? 'queued'" [size]="16" />
        <span class="name">{{ name(row) }}</span>
        <span class="status">{{ statusText(row) }}</span>
      </a>
    </cdk-virtual-scroll-viewport>
  `,
  styles: `
    :host { display: block; margin-top: 4px; }
    .head { display: flex; gap: 8px; margin: 0 0 4px; font-weight: 600; }
    .note { font-weight: normal; color: var(--mat-sys-on-surface-variant); }
    .child { display: flex; align-items: center; gap: 6px; height: 36px; padding: 0 4px; color: inherit; text-decoration: none; border-radius: var(--mat-sys-corner-small); }
    .child:hover { background: var(--mat-sys-surface-container-highest); }
    .child:focus-visible { outline: 3px solid var(--mat-sys-primary); outline-offset: -3px; }
    .thumb { flex: none; width: 24px; height: 24px; border-radius: 4px; overflow: hidden; background: var(--mat-sys-surface-container-highest); }
    .thumb img { width: 100%; height: 100%; object-fit: cover; }
    .name { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .status { color: var(--mat-sys-on-surface-variant); white-space: nowrap; }
  `,
})
export class BatchChildren {
  private readonly api = inject(JobsApi);
  private readonly live = inject(JobsStream).jobsById;
  private readonly apiBase = inject(API_BASE_URL);

  readonly batch = input.required<Job>();

  protected readonly rowPx = BATCH_CHILD_ROWS.height;
  protected readonly children = rxResource({ params: () => this.batch().job_id, stream: ({ params }) => readChildren(this.api, params) });
  protected readonly error = computed(() => `Could not read them: ${problemMessage(this.children.error())}`);
  private previous: readonly BatchChildRow[] = [];
  protected readonly rows = computed(() => {
    const read = this.children.hasValue() ? this.children.value() : new Map<string, Job>();
    this.previous = childRows(this.batch(), this.live(), read, this.previous);
    return this.previous;
  });
  protected readonly height = computed(() => Math.min(BATCH_CHILD_ROWS.visible, Math.max(1, this.rows().length)) * BATCH_CHILD_ROWS.height);

  protected trackRow(_index: number, row: BatchChildRow): string {
    return row.id;
  }

  protected thumbnail(job: Job): string | null {
    const id = imageIdOf(job);
    return id ? `${this.apiBase}/images/${encodeURIComponent(id)}/thumbnail` : null;
  }

  protected name(row: BatchChildRow): string {
    if (!row.job) return 'Waiting to start';
    const file = row.job.metadata['file_name'];
    return typeof file === 'string' && file ? file : row.job.title;
  }

  protected statusText(row: BatchChildRow): string {
    const job = row.job;
    if (!job) return JOB_STATUS_META.queued.label;
    return job.status === 'running' ? `${Math.round(job.progress * 100)}%` : JOB_STATUS_META[job.status].label;
  }
}
