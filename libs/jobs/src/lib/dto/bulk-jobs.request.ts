import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { BULK_ACTIONS, JOB_STATUSES, JOB_TYPES, type BulkAction, type JobStatus } from '@atelier/contracts';
import { commaList } from './list-jobs.query';

/** Most ids one bulk request may name; a filter has no such limit. */
export const BULK_MAX_IDS = 1000;

/** The filter fields of GET /api/jobs (arrays or comma lists). */
export class BulkJobsFilter {
  @ApiPropertyOptional({ description: 'Statuses (array or comma list)', type: [String], enum: JOB_STATUSES })
  @IsOptional()
  @Transform(commaList)
  @IsIn(JOB_STATUSES, { each: true, message: `filter.status must list only: ${JOB_STATUSES.join(', ')}` })
  status?: JobStatus[];

  @ApiPropertyOptional({ description: 'Job types (array or comma list)', type: [String], enum: JOB_TYPES })
  @IsOptional()
  @Transform(commaList)
  @IsIn(JOB_TYPES, { each: true, message: `filter.type must list only: ${JOB_TYPES.join(', ')}` })
  type?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(/^[0-9a-f-]{36}$/, { message: 'filter.parent_id must be a job id' })
  parent_id?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'filter.q must be 1–200 characters' })
  q?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'filter.created_after must be an ISO 8601 date-time' })
  created_after?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'filter.created_before must be an ISO 8601 date-time' })
  created_before?: string;
}

/** `POST /api/jobs/bulk`: an action over named jobs, or over every job matching a filter. */
export class BulkJobsRequest {
  @ApiProperty({ enum: BULK_ACTIONS })
  @IsIn(BULK_ACTIONS, { message: `action must be one of: ${BULK_ACTIONS.join(', ')}` })
  action!: BulkAction;

  @ApiPropertyOptional({ type: [String], description: `Up to ${BULK_MAX_IDS} job ids` })
  @IsOptional()
  @IsArray({ message: 'job_ids must be an array of job ids' })
  @ArrayMinSize(1, { message: 'job_ids must name at least one job' })
  @ArrayMaxSize(BULK_MAX_IDS, { message: `job_ids may name at most ${BULK_MAX_IDS} jobs; use a filter for more` })
  @IsString({ each: true, message: 'job_ids must be an array of job ids' })
  job_ids?: string[];

  @ApiPropertyOptional({ type: BulkJobsFilter, description: 'Acts on every job that GET /api/jobs would list with these filters' })
  @IsOptional()
  @IsObject({ message: 'filter must be an object with the filters of GET /api/jobs' })
  @ValidateNested()
  @Type(() => BulkJobsFilter)
  filter?: BulkJobsFilter;
}

export class BulkResultDto {
  @ApiProperty({ description: 'Jobs the request named or matched (and the caller may see)' }) matched!: number;
  @ApiProperty({ description: 'Jobs the action changed' }) changed!: number;
  @ApiProperty({ description: 'Jobs left as they were (not eligible, or changed meanwhile)' }) skipped!: number;
}
