import { Inject, Injectable } from '@nestjs/common';
import type { JobType, WorkerInfo, WorkerList } from '@atelier/contracts';
import { AppConfig } from '@atelier/platform';
import { MISSED_HEARTBEATS, WorkerRegistry } from '@atelier/jobs';
import { JobRecordsReader } from '../job-records.reader';

/** Every live process that runs jobs (heartbeat within the last 3 intervals), with what it runs now. */
@Injectable()
export class WorkersService {
  constructor(
    private readonly registry: WorkerRegistry,
    private readonly records: JobRecordsReader,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async list(now = Date.now()): Promise<WorkerList> {
    const cutoff = new Date(now - MISSED_HEARTBEATS * this.config.values.workerHeartbeatMs).toISOString();
    const workers = await this.registry.seenSince(cutoff);
    const running = await this.records.runningOn(workers.map((w) => w.worker_id));
    return {
      workers: workers.map((w): WorkerInfo => {
        const jobs = running.filter((j) => j.worker_id === w.worker_id);
        return {
          ...w,
          running: jobs.length,
          running_jobs: jobs.map((j) => ({ job_id: j.job_id, type: j.type as JobType, title: j.title, started_at: j.started_at })),
        };
      }),
    };
  }
}
