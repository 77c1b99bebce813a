/** How following looks: live bars at a terminal, a line per ended job in a pipe, NDJSON with --json. */
import { FINAL_STATUSES, type Job } from '@atelier/client';
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { Output } from '../output/output';
import type { Style } from '../output/style';
import type { OutputStream } from '../runtime';
import type { WatchUpdate } from './job-watch';

export interface FollowView {
  /** Shows one update of the followed jobs. */
  show(update: WatchUpdate, roots: Job[]): void;
  /** Leaves the terminal clean (bars stopped, cursor back). */
  stop(): void;
}

/** What to call a followed job: its file name when the command knows it, else its title. */
export type JobLabels = ReadonlyMap<string, string>;

export function createFollowView(output: Output, stderr: OutputStream, labels: JobLabels): FollowView {
  if (output.json) return new NdjsonView(output);
  if (stderr.isTTY) return new BarsView(stderr, output.errStyle, labels);
  return new LinesView(output, labels);
}

/** --json: every stream event about the followed jobs, one JSON object a line, as the stream sent it. */
class NdjsonView implements FollowView {
  constructor(private readonly output: Output) {}

  show(update: WatchUpdate): void {
    if (update.kind === 'snapshot') this.output.record({ event: 'snapshot', data: { jobs: update.jobs } });
    else if (update.kind === 'deleted') this.output.record({ event: 'job.deleted', data: { job_id: update.jobId } });
    else this.output.record({ event: update.event.event, id: update.event.id, data: update.event.data });
  }

  stop(): void {}
}

/** A pipe or a log file: one line when a followed job ends, nothing that redraws. */
class LinesView implements FollowView {
  private readonly reported = new Set<string>();

  constructor(
    private readonly output: Output,
    private readonly labels: JobLabels,
  ) {}

  show(_update: WatchUpdate, roots: Job[]): void {
    for (const job of roots) {
      if (!FINAL_STATUSES.has(job.status) || this.reported.has(job.job_id)) continue;
      this.reported.add(job.job_id);
      this.output.line(`${this.labels.get(job.job_id) ?? job.title}: ${job.status}${job.error ? ` (${job.error.message})` : ''}`);
    }
  }

  stop(): void {}
}

/** A terminal: one live bar per followed job (cli-progress), on stderr so stdout keeps only the summary. */
class BarsView implements FollowView {
  private readonly multibar: MultiBar;
  private readonly bars = new Map<string, SingleBar>();
  private readonly width: number;

  constructor(
    stream: OutputStream,
    private readonly style: Style,
    private readonly labels: JobLabels,
  ) {
    this.width = Math.min(32, Math.max(0, ...[...labels.values()].map((l) => l.length)));
    this.multibar = new MultiBar(
      {
        stream: stream as NodeJS.WriteStream,
        format: '{label} {bar} {percentage}% {state}',
        barsize: 24,
        hideCursor: true,
        clearOnComplete: false,
        stopOnComplete: false,
        autopadding: true,
        fps: 10,
      },
      Presets.shades_classic,
    );
  }

  show(_update: WatchUpdate, roots: Job[]): void {
    for (const job of roots) {
      const payload = { label: this.label(job), state: this.state(job) };
      const value = Math.round(job.progress * 100);
      const bar = this.bars.get(job.job_id);
      if (bar) bar.update(value, payload);
      else this.bars.set(job.job_id, this.multibar.create(100, value, payload));
    }
  }

  stop(): void {
    this.multibar.stop();
  }

  private label(job: Job): string {
    const label = this.labels.get(job.job_id) ?? job.title;
    const fitted = label.length > this.width && this.width > 1 ? `${label.slice(0, this.width - 1)}…` : label;
    return fitted.padEnd(this.width);
  }

  private state(job: Job): string {
    if (job.status === 'running') return `${this.style.status('running')}${job.step_label ? ` · ${job.step_label}` : ''}`;
    if (job.status === 'failed' && job.error) return `${this.style.status('failed')} · ${job.error.message}`;
    return this.style.status(job.status);
  }
}
