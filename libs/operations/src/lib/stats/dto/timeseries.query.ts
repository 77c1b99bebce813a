import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { JOB_TYPES, STATS_BUCKETS, type JobType, type StatsBucket } from '@atelier/contracts';

export class TimeseriesQuery {
  @ApiPropertyOptional({ description: 'Start (ISO-8601, UTC); the first point is the start of its bucket. Default: to − 24 h', format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO-8601 time such as 2026-01-31T12:00:00Z' })
  from?: string;

  @ApiPropertyOptional({ description: 'End, exclusive (ISO-8601, UTC). Default: now', format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO-8601 time such as 2026-01-31T13:00:00Z' })
  to?: string;

  @ApiPropertyOptional({ enum: STATS_BUCKETS, description: 'Bucket size. Default: the finest that gives at most 200 points (1h for 24 h); at most 2000 points are served' })
  @IsOptional()
  @IsIn(STATS_BUCKETS, { message: `bucket must be one of ${STATS_BUCKETS.join(', ')}` })
  bucket?: StatsBucket;

  @ApiPropertyOptional({ enum: JOB_TYPES, description: 'Only jobs of this type' })
  @IsOptional()
  @IsIn(JOB_TYPES, { message: `type must be one of ${JOB_TYPES.join(', ')}` })
  type?: JobType;
}
