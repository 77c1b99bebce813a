import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { JOB_TYPES, type JobType, type QueueInfo, type QueueList } from '@atelier/contracts';
import { ApiProblems, CurrentScope, MinRole, type AccessScope } from '@atelier/platform';
import { QueuesService } from './queues.service';
import { JobTypePipe } from './job-type.pipe';
import { QueueInfoDto, QueueListDto } from './dto/queue.dto';

const typeParam = ApiParam({ name: 'type', enum: JOB_TYPES, description: 'The job type whose queue it is' });

@ApiTags('operations')
@Controller('queues')
export class QueuesController {
  constructor(private readonly queues: QueuesService) {}

  @Get()
  @ApiOperation({ operationId: 'listQueues', summary: "Each job type's queue: paused or not, queued and running jobs (a member: its own), per-process concurrency" })
  @ApiOkResponse({ type: QueueListDto })
  @ApiProblems(401)
  list(@CurrentScope() scope: AccessScope): Promise<QueueList> {
    return this.queues.list(scope);
  }

  @Post(':type/pause')
  @HttpCode(200)
  @MinRole('operator')
  @typeParam
  @ApiOperation({ operationId: 'pauseQueue', summary: 'Pause a queue on every node: its jobs stay queued (running ones finish); durable across restarts. A paused queue is answered as it is' })
  @ApiOkResponse({ type: QueueInfoDto, description: 'The queue, now paused' })
  @ApiProblems(401, 403, 404)
  pause(@Param('type', new JobTypePipe()) type: JobType, @CurrentScope() scope: AccessScope): Promise<QueueInfo> {
    return this.queues.pause(type, scope);
  }

  @Post(':type/resume')
  @HttpCode(200)
  @MinRole('operator')
  @typeParam
  @ApiOperation({ operationId: 'resumeQueue', summary: 'Resume a queue: its queued jobs are handed to the workers again' })
  @ApiOkResponse({ type: QueueInfoDto, description: 'The queue, now running' })
  @ApiProblems(401, 403, 404)
  resume(@Param('type', new JobTypePipe()) type: JobType, @CurrentScope() scope: AccessScope): Promise<QueueInfo> {
    return this.queues.resume(type, scope);
  }
}
