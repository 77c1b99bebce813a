import { ApiProperty } from '@nestjs/swagger';
import { JOB_TYPES } from '@atelier/contracts';

/** OpenAPI shapes of the worker wire types (the types themselves live in @atelier/contracts). */
export class RunningJobDto {
  @ApiProperty() job_id!: string;
  @ApiProperty({ enum: JOB_TYPES }) type!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) started_at!: string | null;
}

export class WorkerInfoDto {
  @ApiProperty() worker_id!: string;
  @ApiProperty() host!: string;
  @ApiProperty() pid!: number;
  @ApiProperty({ example: 'embedded', description: 'embedded (the API process runs jobs), api (a distributed API node with RUN_WORKERS) or worker' }) role!: string;
  @ApiProperty({ description: 'Jobs it runs now' }) running!: number;
  @ApiProperty({ description: 'Jobs it runs at once at most' }) concurrency!: number;
  @ApiProperty({ format: 'date-time' }) started_at!: string;
  @ApiProperty({ format: 'date-time', description: 'Its latest heartbeat' }) last_seen_at!: string;
  @ApiProperty() version!: string;
  @ApiProperty({ type: [RunningJobDto], description: 'What it runs now' }) running_jobs!: RunningJobDto[];
}

export class WorkerListDto {
  @ApiProperty({ type: [WorkerInfoDto] }) workers!: WorkerInfoDto[];
}
