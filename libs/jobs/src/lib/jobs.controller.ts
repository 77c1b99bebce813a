import { Controller, Delete, Get, HttpCode, Optional, Param, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Job, JobList } from '@atelier/contracts';
import { ApiProblems, AuditTrail, CurrentScope, IdParamPipe, clampLimit, type AccessScope } from '@atelier/platform';
import { JobsService } from './engine/jobs.service';
import { ListJobsQuery } from './dto/list-jobs.query';
import { JobDto, JobListDto } from './dto/job.dto';

// Ids are opaque: one that names no job answers 404, whatever its shape.
const jobId = new IdParamPipe('job');

@ApiTags('jobs')
@Controller('jobs')
export class JobsController {
  constructor(
    private readonly jobs: JobsService,
    @Optional() private readonly audit?: AuditTrail,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List jobs, newest first, with filters and cursor paging' })
  @ApiOkResponse({ type: JobListDto })
  @ApiProblems(400, 401)
  list(@Query() q: ListJobsQuery, @CurrentScope() scope: AccessScope): Promise<JobList> {
    return this.jobs.list({ statuses: q.status, types: q.type, parentId: q.parent_id, limit: clampLimit(q.limit), cursor: q.cursor }, scope);
  }

  @Get(':job_id')
  @ApiOperation({ summary: 'One job' })
  @ApiOkResponse({ type: JobDto })
  @ApiProblems(400, 401, 404)
  get(@Param('job_id', jobId) id: string, @CurrentScope() scope: AccessScope): Promise<Job> {
    return this.jobs.get(id, scope);
  }

  @Post(':job_id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a queued or running job (a parent cancels its unfinished children)' })
  @ApiOkResponse({ type: JobDto, description: 'The job, now cancelled' })
  @ApiProblems(400, 401, 404, 409)
  async cancel(@Param('job_id', jobId) id: string, @CurrentScope() scope: AccessScope): Promise<Job> {
    const job = await this.jobs.cancel(id, scope);
    await this.audit?.record(scope, { action: 'job.cancelled', target: id });
    return job;
  }

  @Post(':job_id/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Queue a failed or cancelled job again (a parent re-runs only its failed or cancelled children)' })
  @ApiAcceptedResponse({ type: JobDto, description: 'The job, queued again' })
  @ApiProblems(400, 401, 404, 409)
  async retry(@Param('job_id', jobId) id: string, @CurrentScope() scope: AccessScope): Promise<Job> {
    const job = await this.jobs.retry(id, scope);
    await this.audit?.record(scope, { action: 'job.retried', target: id });
    return job;
  }

  @Delete(':job_id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an ended job (a parent deletes its children)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 401, 404, 409)
  async delete(@Param('job_id', jobId) id: string, @CurrentScope() scope: AccessScope): Promise<void> {
    await this.jobs.delete(id, scope);
    await this.audit?.record(scope, { action: 'job.deleted', target: id });
  }
}
