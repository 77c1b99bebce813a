import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { JOB_STATUSES, JOB_TYPES, type JobStatus } from '@atelier/contracts';
import { PageQuery } from '@atelier/platform';

export const commaList = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : value;

export class ListJobsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Comma list of statuses', example: 'queued,running', type: String })
  @IsOptional()
  @Transform(commaList)
  @IsIn(JOB_STATUSES, { each: true, message: `status must be a comma list of: ${JOB_STATUSES.join(', ')}` })
  status?: JobStatus[];

  @ApiPropertyOptional({ description: 'Comma list of job types', example: 'analyze', type: String })
  @IsOptional()
  @Transform(commaList)
  @IsIn(JOB_TYPES, { each: true, message: `type must be a comma list of: ${JOB_TYPES.join(', ')}` })
  type?: string[];

  @ApiPropertyOptional({ description: 'Only the children of this parent job' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9a-f-]{36}$/, { message: 'parent_id must be a job id' })
  parent_id?: string;
}
