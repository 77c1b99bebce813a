import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { JOB_STATUSES, type JobStatus } from '@atelier/contracts';
import { commaList } from '@atelier/jobs';

export class StreamJobsQuery {
  @ApiPropertyOptional({ description: 'Only this job and its children' })
  @IsOptional()
  @Matches(/^[0-9a-f-]{36}$/, { message: 'job_id must be a job id' })
  job_id?: string;

  @ApiPropertyOptional({ description: 'Comma list of statuses', type: String, example: 'running,failed' })
  @IsOptional()
  @Transform(commaList)
  @IsIn(JOB_STATUSES, { each: true, message: `status must be a comma list of: ${JOB_STATUSES.join(', ')}` })
  status?: JobStatus[];

  @ApiPropertyOptional({
    description: 'Resume after this event id, like the Last-Event-ID header (for clients that cannot set headers); the header wins when both are sent',
  })
  @IsOptional()
  @Matches(/^\d{1,40}$/, { message: 'last_event_id must be an event id from this stream' })
  last_event_id?: string;
}
