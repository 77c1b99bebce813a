import { Injectable } from '@nestjs/common';
import type { BatchResult, Job } from '@atelier/contracts';
import { JobHandlerFor } from './job-handler.decorator';
import type { JobHandler } from './job-handler';

/** A batch is a parent whose work is its children; its result lists how they ended. */
@Injectable()
@JobHandlerFor('batch')
export class BatchJobHandler implements JobHandler<'batch'> {
  readonly type = 'batch' as const;
  // Up to BATCH_MAX_FILES children: its title and progress follow them as they start and end.
  readonly aggregatesChildProgress = false;

  aggregate(children: Job[]): BatchResult {
    return {
      completed_ids: children.filter((c) => c.status === 'completed').map((c) => c.job_id),
      failed_ids: children.filter((c) => c.status !== 'completed').map((c) => c.job_id),
    };
  }
}
