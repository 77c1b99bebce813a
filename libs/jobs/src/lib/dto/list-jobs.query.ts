import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { JOB_STATUSES, JOB_TYPES, type JobStatus } from '@atelier/contracts';
import { PageQuery } from '@atelier/platform';

export const JOB_SORTS = ['-created_at', 'created_at'] as const;
export type JobSort = (typeof JOB_SORTS)[number];

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

  @ApiPropertyOptional({ description: 'Search: a job id prefix, or words of the title, preset name or original file name (case-insensitive)' })
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'q must be 1–200 characters' })
  q?: string;

  @ApiPropertyOptional({ description: 'Only jobs created at or after this instant (ISO 8601)', example: '2026-12-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'created_after must be an ISO 8601 date-time, e.g. 2026-12-01T00:00:00Z' })
  created_after?: string;

  @ApiPropertyOptional({ description: 'Only jobs created before this instant (ISO 8601)', example: '2026-12-02T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'created_before must be an ISO 8601 date-time, e.g. 2026-12-02T00:00:00Z' })
  created_before?: string;

  @ApiPropertyOptional({ description: 'Order: newest first (default) or oldest first', enum: JOB_SORTS, default: '-created_at' })
  @IsOptional()
  @IsIn(JOB_SORTS, { message: `sort must be one of: ${JOB_SORTS.join(', ')}` })
  sort?: JobSort;
}
