import { Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Job, JobList } from '@atelier/contracts';
import { ApiProblems, IdParamPipe, clampLimit } from '@atelier/platform';
import { JobsService } from './engine/jobs.service';
import { ListJobsQuery } from './dto/list-jobs.query';
import { JobDto, JobListDto } from './dto/job.dto';

// Ids are opaque: one that names no job answers 404, whatever its shape.
const jobId = new IdParamPipe('job');

@ApiTags('jobs')
@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Get()
  @ApiOperation({ summary: 'List jobs, newest first, with filters and cursor paging' })
  @ApiOkResponse({ type: JobListDto })
  @ApiProblems(400)
  list(@Query() q: ListJobsQuery): Promise<JobList> {
    return this.jobs.list({ statuses: q.status, types: q.type, parentId: q.parent_id, limit: clampLimit(q.limit), cursor: q.cursor });
  }

  @Get(':job_id')
  @ApiOperation({ summary: 'One job' })
  @ApiOkResponse({ type: JobDto })
  @ApiProblems(400, 404)
  get(@Param('job_id', jobId) id: string): Promise<Job> {
    return this.jobs.get(id);
  }

  @Post(':job_id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a queued or running job (a parent cancels its unfinished children)' })
  @ApiOkResponse({ type: JobDto, description: 'The job, now cancelled' })
  @ApiProblems(400, 404, 409)
  cancel(@Param('job_id', jobId) id: string): Promise<Job> {
    return this.jobs.cancel(id);
  }

  @Post(':job_id/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Queue a failed or cancelled job again (a parent re-runs only its failed or cancelled children)' })
  @ApiAcceptedResponse({ type: JobDto, description: 'The job, queued again' })
  @ApiProblems(400, 404, 409)
  retry(@Param('job_id', jobId) id: string): Promise<Job> {
    return this.jobs.retry(id);
  }

  @Delete(':job_id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an ended job (a parent deletes its children)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 404, 409)
  async delete(@Param('job_id', jobId) id: string): Promise<void> {
    await this.jobs.delete(id);
  }
}
