import { ApiProperty } from '@nestjs/swagger';
import { JOB_TYPES } from '@atelier/contracts';

/** OpenAPI shapes of the queue wire types (the types themselves live in @atelier/contracts). */
export class QueueInfoDto {
  @ApiProperty({ enum: JOB_TYPES }) type!: string;
  @ApiProperty({ description: 'While paused, jobs of this type stay queued on every node (running ones finish)' }) paused!: boolean;
  @ApiProperty({ description: 'Queued jobs of this type (a member: its own)' }) queued!: number;
  @ApiProperty({ description: 'Running jobs of this type (a member: its own)' }) running!: number;
  @ApiProperty({ description: 'Jobs of this type one worker process runs at once' }) concurrency!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the queue was last paused or resumed' }) changed_at!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The user who last paused or resumed it' }) changed_by!: string | null;
}

export class QueueListDto {
  @ApiProperty({ type: [QueueInfoDto], description: 'One per job type' }) queues!: QueueInfoDto[];
}
