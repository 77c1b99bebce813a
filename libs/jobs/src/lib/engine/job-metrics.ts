import { Counter, Histogram, type Registry } from 'prom-client';
import type { Job } from '@atelier/contracts';

/** Prometheus counters of the job engine, registered once per process. */
export class JobMetrics {
  private readonly startedTotal: Counter<'type'>;
  private readonly finishedTotal: Counter<'type' | 'status'>;
  private readonly duration: Histogram<'type' | 'status'>;

  constructor(registry: Registry) {
    this.startedTotal = new Counter({ name: 'atelier_jobs_started_total', help: 'Job attempts started', labelNames: ['type'], registers: [registry] });
    this.finishedTotal = new Counter({ name: 'atelier_jobs_finished_total', help: 'Jobs that reached a final status', labelNames: ['type', 'status'], registers: [registry] });
    this.duration = new Histogram({
      name: 'atelier_job_duration_seconds',
      help: 'Time from start to final status',
      labelNames: ['type', 'status'],
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 300],
      registers: [registry],
    });
  }

  started(job: Job): void {
    this.startedTotal.inc({ type: job.type });
  }

  finished(job: Job): void {
    this.finishedTotal.inc({ type: job.type, status: job.status });
    if (job.started_at && job.finished_at) {
      this.duration.observe({ type: job.type, status: job.status }, (Date.parse(job.finished_at) - Date.parse(job.started_at)) / 1000);
    }
  }
}
