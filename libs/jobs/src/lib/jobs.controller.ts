import { Body, Controller, Delete, Get, HttpCode, Optional, Param, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { BulkResult, Job, JobList, JobTimeline } from '@atelier/contracts';
import { ApiProblems, AuditTrail, CurrentScope, IdParamPipe, InvalidInputError, clampLimit, type AccessScope } from '@atelier/platform';
import { JobsService, type ListJobsOptions } from './engine/jobs.service';
import { ListJobsQuery } from './dto/list-jobs.query';
import { JobDto, JobListDto } from './dto/job.dto';
import { BulkJobsRequest, BulkResultDto, type BulkJobsFilter } from './dto/bulk-jobs.request';
import { JobTimelineDto } from './dto/operations.dto';

/** The list options of GET /api/jobs (and of a bulk request's filter). */
function listOptionsOf(q: ListJobsQuery | BulkJobsFilter, limit: number, cursor?: string): ListJobsOptions {
  return {
    statuses: q.status,
    types: q.type,
    parentId: q.parent_id,
    limit,
    cursor,
    search: q.q,
    createdAfter: q.created_after,
    createdBefore: q.created_before,
    ascending: 'sort' in q && q.sort === 'created_at',
  };
}

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
  @ApiOperation({ operationId: 'listJobs', summary: 'List jobs, newest first, with filters and cursor paging' })
  @ApiOkResponse({ type: JobListDto })
  @ApiProblems(400, 401)
  list(@Query() q: ListJobsQuery, @CurrentScope() scope: AccessScope): Promise<JobList> {
    return this.jobs.list(listOptionsOf(q, clampLimit(q.limit), q.cursor), scope);
  }

  @Post('bulk')
  @HttpCode(202)
  @ApiOperation({ operationId: 'bulkJobs', summary: 'Cancel, retry or delete every job named, or every job matching a filter (not one page)' })
  @ApiAcceptedResponse({ type: BulkResultDto })
  @ApiProblems(400, 401)
  async bulk(@Body() body: BulkJobsRequest, @CurrentScope() scope: AccessScope): Promise<BulkResult> {
    if (!body.job_ids === !body.filter) {
      throw new InvalidInputError('Send either job_ids (the jobs to act on) or filter (the GET /api/jobs filters of the jobs to act on), not both and not neither.');
    }
    const target = body.job_ids ? { ids: body.job_ids } : { filter: listOptionsOf(body.filter!, 0) };
    const result = await this.jobs.bulk(body.action, target, scope);
    await this.audit?.record(scope, { action: `jobs.bulk_${body.action}`, detail: { ...result, ...(body.filter ? { filter: body.filter } : {}) } });
    return result;
  }

  @Get(':job_id/events')
  @ApiOperation({ operationId: 'getJobEvents', summary: "The job's durable timeline: created, each attempt with its worker, steps, errors, retries and who asked, its end" })
  @ApiOkResponse({ type: JobTimelineDto })
  @ApiProblems(400, 401, 404)
  timeline(@Param('job_id', jobId) id: string, @CurrentScope() scope: AccessScope): Promise<JobTimeline> {
    return this.jobs.timeline(id, scope);
  }

  @Get(':job_id')
  @ApiOperation({ operationId: 'getJob', summary: 'One job' })
  @ApiOkResponse({ type: JobDto })
  @ApiProblems(400, 401, 404)
  get(@Param('job_id', jobId) id: string, @CurrentScope() scope: AccessScope): Promise<Job> {
    return this.jobs.get(id, scope);
  }

  @Post(':job_id/cancel')
  @HttpCode(200)
  @ApiOperation({ operationId: 'cancelJob', summary: 'Cancel a queued or running job (a parent cancels its unfinished children)' })
  @ApiOkResponse({ type: JobDto, description: 'The job, now cancelled' })
  @ApiProblems(400, 401, 404, 409)
  async cancel(@Param('job_id', jobId) id: string, @CurrentScope() scope: AccessScope): Promise<Job> {
    const job = await this.jobs.cancel(id, scope);
    await this.audit?.record(scope, { action: 'job.cancelled', target: id });
    return job;
  }

  @Post(':job_id/retry')
  @HttpCode(202)
  @ApiOperation({ operationId: 'retryJob', summary: 'Queue a failed or cancelled job again (a parent re-runs only its failed or cancelled children)' })
  @ApiAcceptedResponse({ type: JobDto, description: 'The job, queued again' })
  @ApiProblems(400, 401, 404, 409)
  async retry(@Param('job_id', jobId) id: string, @CurrentScope() scope: AccessScope): Promise<Job> {
    const job = await this.jobs.retry(id, scope);
    await this.audit?.record(scope, { action: 'job.retried', target: id });
    return job;
  }

  @Delete(':job_id')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteJob', summary: 'Delete an ended job (a parent deletes its children)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 401, 404, 409)
  async delete(@Param('job_id', jobId) id: string, @CurrentScope() scope: AccessScope): Promise<void> {
    await this.jobs.delete(id, scope);
    await this.audit?.record(scope, { action: 'job.deleted', target: id });
  }
}
