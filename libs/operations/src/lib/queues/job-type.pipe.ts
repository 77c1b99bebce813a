import type { PipeTransform } from '@nestjs/common';
import { JOB_TYPES, isJobType, type JobType } from '@atelier/contracts';
import { NotFoundError } from '@atelier/platform';

/** A queue's name in a path: a job type, else 404 naming the queues there are. */
export class JobTypePipe implements PipeTransform<string, JobType> {
  transform(value: string): JobType {
    if (isJobType(value)) return value;
    throw new NotFoundError(`No queue ${JSON.stringify(value.slice(0, 64))}: the queues are ${JOB_TYPES.join(', ')}.`);
  }
}
