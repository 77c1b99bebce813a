import { ApiProperty } from '@nestjs/swagger';
import { JOB_TYPES, STATS_BUCKETS } from '@atelier/contracts';

/** OpenAPI shapes of the stats wire types (the types themselves live in @atelier/contracts). */
export class StatusCountsDto {
  @ApiProperty() queued!: number;
  @ApiProperty() running!: number;
  @ApiProperty() completed!: number;
  @ApiProperty() failed!: number;
  @ApiProperty() cancelled!: number;
}

export class StatsSummaryDto {
  @ApiProperty({ type: StatusCountsDto, description: 'Every status, 0 when none' }) by_status!: StatusCountsDto;
  @ApiProperty({
    type: 'object',
    description: `Per job type (${JOB_TYPES.join(', ')}): the counts by status`,
    additionalProperties: { $ref: '#/components/schemas/StatusCountsDto' },
  })
  by_type!: Record<string, StatusCountsDto>;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Creation time of the oldest queued job' }) oldest_queued_at!: string | null;
}

export class PercentilesDto {
  @ApiProperty({ type: Number, nullable: true }) p50!: number | null;
  @ApiProperty({ type: Number, nullable: true }) p95!: number | null;
}

export class TimeseriesPointDto {
  @ApiProperty({ format: 'date-time', description: 'Start of the bucket' }) at!: string;
  @ApiProperty({ description: 'Jobs created in the bucket' }) created!: number;
  @ApiProperty({ description: 'Jobs that completed in the bucket' }) completed!: number;
  @ApiProperty() failed!: number;
  @ApiProperty() cancelled!: number;
  @ApiProperty({ type: PercentilesDto, description: 'Created → started of the jobs that started in the bucket (null: none)' }) wait_ms!: PercentilesDto;
  @ApiProperty({ type: PercentilesDto, description: 'Started → finished of the jobs that finished in the bucket (null: none)' }) run_ms!: PercentilesDto;
}

export class TimeseriesDto {
  @ApiProperty({ enum: STATS_BUCKETS }) bucket!: string;
  @ApiProperty({ format: 'date-time', description: 'Start of the first bucket' }) from!: string;
  @ApiProperty({ format: 'date-time', description: 'End of the series, exclusive' }) to!: string;
  @ApiProperty({ enum: JOB_TYPES, nullable: true, type: String }) type!: string | null;
  @ApiProperty({ type: [TimeseriesPointDto], description: 'One per bucket, oldest first, empty buckets included' }) points!: TimeseriesPointDto[];
}
