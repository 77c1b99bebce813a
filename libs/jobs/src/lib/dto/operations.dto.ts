import { ApiProperty } from '@nestjs/swagger';
import { JOB_TIMELINE_KINDS, JOB_TYPES } from '@atelier/contracts';
import { IsArray, ArrayMaxSize, ArrayMinSize, IsString } from 'class-validator';
import { JobDto } from './job.dto';

export class JobTimelineEntryDto {
  @ApiProperty() at!: string;
  @ApiProperty({ enum: JOB_TIMELINE_KINDS }) kind!: string;
  @ApiProperty({ description: 'The attempt it belongs to (0 before the first start)' }) attempt!: number;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { worker_id: '…' } }) detail!: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true, description: 'The user who caused it, or null for the engine' }) actor!: string | null;
}

export class JobTimelineDto {
  @ApiProperty({ type: [JobTimelineEntryDto] }) events!: JobTimelineEntryDto[];
}

export class TaskPanelDto {
  @ApiProperty({ type: [JobDto] }) jobs!: JobDto[];
  @ApiProperty({ description: 'How long completed and cancelled jobs stay in the panel' }) recent_seconds!: number;
  @ApiProperty({ type: [String], enum: JOB_TYPES }) paused_types!: string[];
}

export class DismissRequest {
  @ApiProperty({ type: [String], description: 'Jobs to hide from the task panel of every tab of this user (1–500)' })
  @IsArray({ message: 'job_ids must be an array of job ids' })
  @ArrayMinSize(1, { message: 'job_ids must name at least one job' })
  @ArrayMaxSize(500, { message: 'job_ids may name at most 500 jobs' })
  @IsString({ each: true, message: 'job_ids must be an array of job ids' })
  job_ids!: string[];
}

export class DismissResultDto {
  @ApiProperty({ description: 'Jobs now dismissed (ids of jobs the user cannot see are ignored)' }) dismissed!: number;
}
