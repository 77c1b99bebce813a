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
}
