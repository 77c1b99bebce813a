import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { forkJoin, interval, merge, of, switchMap, type Observable } from 'rxjs';
import { JOB_TYPES, isJobType, type JobType, type StatsSummary, type Timeseries } from '@atelier/contracts';
import { JobsStream, OperationsApi } from '@atelier/console/data-access';
import { Clock } from '@atelier/console/ui';
import type { ChartSeries } from '../chart/chart-options';
import { TimeChart } from '../chart/time-chart.component';
import { JOB_TYPE_LABELS, jobTypeLabel } from '../shared/job-type-labels';
import { formatAgo, formatLatency } from '../shared/relative-time';
import { ServerRead, jobChanges } from '../shared/server-read';
import { activeBuckets, latencyOf, latencySummary, queueDepthOf, throughputOf, throughputSummary } from './dashboard-stats';
import { STATS_RANGES, statsRange, statsWindow, type StatsRange } from './stats-ranges';

/** The least time between two reads of the stats while jobs change: a burst of events costs one read. */
export const LIVE_REFRESH_GAP_MS = 5000;

interface DashboardQuery {
  readonly range: StatsRange;
  /** The type whose latency is shown; null: every type. */
  readonly type: JobType | null;
}

interface DashboardData extends DashboardQuery {
  readonly summary: StatsSummary;
  readonly all: Timeseries;
  /** The chosen type's series, for its latency; null when every type is shown. */
  readonly typed: Timeseries | null;
  readonly fetchedAt: number;
}

/**
 * The operator's dashboard: throughput and failure rate, wait and run percentiles per type, the
 * queue depth now and the oldest waiting job, over 1 h / 24 h / 7 d (`?range=`, `?type=`). It reads
 * the stats again when the job stream says jobs changed (at most every few seconds), when the
 * stream comes back after a drop, and once per bucket so the window moves on; never on a timer
 * faster than that.
 */
@Component({
  selector: 'atl-dashboard-page',
  imports: [
    DatePipe,
    DecimalPipe,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatProgressBarModule,
    MatSelectModule,
    RouterLink,
    TimeChart,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './dashboard-page.component.html',
  styleUrls: ['../shared/operations-page.scss', './dashboard-page.component.scss'],
})
export class DashboardPage {
  private readonly api = inject(OperationsApi);
  private readonly router = inject(Router);
  protected readonly clock = inject(Clock);

  /** Query parameters: `?range=24h&type=analyze`. */
  readonly range = input<string | undefined>();
  readonly type = input<string | undefined>();

  protected readonly ranges = STATS_RANGES;
  protected readonly typeOptions = JOB_TYPES.map((value) => ({ value, label: JOB_TYPE_LABELS[value] }));
  protected readonly selectedRange = computed(() => statsRange(this.range()));
  protected readonly selectedType = computed(() => {
    const type = this.type();
    return type && isJobType(type) ? type : null;
  });
  private readonly query = computed<DashboardQuery>(() => ({ range: this.selectedRange(), type: this.selectedType() }), {
    equal: (a, b) => a.range === b.range && a.type === b.type,
  });

  private readonly data = signal<DashboardData | null>(null);
  private readonly read = new ServerRead();
  protected readonly loading = this.read.loading;
  protected readonly loadError = this.read.error;
  protected readonly connection = inject(JobsStream).connection;
  protected readonly loaded = computed(() => this.data() !== null);
  /** The range of the numbers shown (the one chosen, once its answer is in). */
  protected readonly shownRange = computed(() => this.data()?.range ?? this.selectedRange());

  protected readonly throughput = computed(() => throughputOf(this.data()?.all.points ?? []));
  protected readonly latency = computed(() => {
    const data = this.data();
    return latencyOf((data?.typed ?? data?.all)?.points ?? []);
  });
  protected readonly latencyTypeLabel = computed(() => {
    const type = this.data()?.type ?? null;
    return type ? jobTypeLabel(type) : 'All types';
  });
  protected readonly depth = computed(() => {
    const data = this.data();
    return data ? queueDepthOf(data.summary) : null;
  });
  protected readonly oldestQueuedAt = computed(() => this.data()?.summary.oldest_queued_at ?? null);
  protected readonly throughputRows = computed(() => activeBuckets(this.data()?.all.points ?? []));
  protected readonly latencyRows = computed(() => {
    const data = this.data();
    return activeBuckets((data?.typed ?? data?.all)?.points ?? []).filter((p) => p.wait_ms.p50 !== null || p.run_ms.p50 !== null);
  });
  protected readonly throughputText = computed(() => throughputSummary(this.shownRange(), this.throughput()));
  protected readonly latencyText = computed(() => latencySummary(this.shownRange(), this.latencyTypeLabel(), this.latency()));
  /** Bucket times in the tables: the time of day over a day or less, date and time over a week. */
  protected readonly timeFormat = computed(() => (this.shownRange().spanMs > 86_400_000 ? 'EEE d MMM, HH:mm' : 'HH:mm'));

  protected readonly throughputSeries = computed<readonly ChartSeries[]>(() => {
    const t = this.throughput();
    return [
      { label: 'Created', color: 'primary', values: t.created },
      { label: 'Completed', color: 'success', values: t.completed },
      { label: 'Failed', color: 'error', values: t.failed },
    ];
  });
  protected readonly failureSeries = computed<readonly ChartSeries[]>(() => [{ label: 'Failure rate', color: 'error', values: this.throughput().failureRate }]);
  protected readonly latencySeries = computed<readonly ChartSeries[]>(() => {
    const l = this.latency();
    return [
      { label: 'Wait p50', color: 'primary', values: l.waitP50 },
      { label: 'Wait p95', color: 'primary', dashed: true, values: l.waitP95 },
      { label: 'Run p50', color: 'tertiary', values: l.runP50 },
      { label: 'Run p95', color: 'tertiary', dashed: true, values: l.runP95 },
    ];
  });

  protected readonly formatAgo = formatAgo;
  protected readonly formatLatency = formatLatency;
  protected readonly jobTypeLabel = jobTypeLabel;

  constructor() {
    const live$ = jobChanges(LIVE_REFRESH_GAP_MS);
    toObservable(this.query)
      .pipe(
        switchMap((query) => merge(of(undefined), live$, interval(query.range.bucketMs)).pipe(switchMap(() => this.load(query)))),
        takeUntilDestroyed(),
      )
      .subscribe();
  }

  protected setRange(range: string): void {
    void this.router.navigate([], { queryParams: { range }, queryParamsHandling: 'merge' });
  }

  protected setType(type: string): void {
    void this.router.navigate([], { queryParams: { type: type || null }, queryParamsHandling: 'merge' });
  }

  protected retry(): void {
    this.load(this.query()).subscribe();
  }

  private load(query: DashboardQuery): Observable<unknown> {
    const window = { ...statsWindow(query.range, Date.now()), bucket: query.range.bucket };
    const answers = forkJoin({
      summary: this.api.summary(),
      all: this.api.timeseries(window),
      typed: query.type ? this.api.timeseries({ ...window, type: query.type }) : of(null),
    });
    return this.read.run(answers, (a) => this.data.set({ ...query, ...a, fetchedAt: Date.now() }));
  }
}
