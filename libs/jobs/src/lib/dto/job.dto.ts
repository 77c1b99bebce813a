import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { JOB_STATUSES, JOB_TYPES } from '@atelier/contracts';

/** OpenAPI shapes of the job wire types (the types themselves live in @atelier/contracts). */
export class JobErrorDto {
  @ApiProperty() message!: string;
  @ApiProperty({ example: 'upstream_error' }) code!: string;
  @ApiProperty() retryable!: boolean;
}

export class JobDto {
  @ApiProperty({ example: '0193a7c2-5b1e-7c3a-9f10-2b3c4d5e6f70' }) job_id!: string;
  @ApiProperty({ enum: JOB_TYPES }) type!: string;
  @ApiProperty({ enum: JOB_STATUSES }) status!: string;
  @ApiProperty({ example: 'Hair color analysis' }) title!: string;
  @ApiProperty({ minimum: 0, maximum: 1 }) progress!: number;
  @ApiProperty() current_step!: number;
  @ApiProperty() total_steps!: number;
  @ApiProperty({ type: String, nullable: true }) step_label!: string | null;
  @ApiProperty({ type: String, nullable: true }) parent_id!: string | null;
  @ApiProperty({ type: [String] }) child_ids!: string[];
  @ApiProperty() priority!: number;
  @ApiProperty() attempts!: number;
  @ApiProperty() max_attempts!: number;
  @ApiProperty({ type: [String] }) depends_on!: string[];
  @ApiProperty({ type: 'object', additionalProperties: true, example: { analyzer: 'hair-color', image_id: '…' } }) input!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) result!: Record<string, unknown> | null;
  @ApiProperty({ type: JobErrorDto, nullable: true }) error!: JobErrorDto | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) metadata!: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true }) owner!: string | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) started_at!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finished_at!: string | null;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String, description: 'Earliest start of a delayed or backed-off job' })
  run_at!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The process that runs the job now (while running) or last ran it; null before its first start' })
  worker_id!: string | null;
}

export class JobListDto {
  @ApiProperty({ type: [JobDto] }) jobs!: JobDto[];
  @ApiProperty({ type: String, nullable: true }) next_cursor!: string | null;
}
