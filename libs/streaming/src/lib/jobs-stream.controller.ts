import { Controller, Headers, Query, Sse, type MessageEvent } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Observable } from 'rxjs';
import { ApiProblems } from '@atelier/platform';
import { JobStreamService } from './job-stream.service';
import { StreamJobsQuery } from './dto/stream-jobs.query';

@ApiTags('jobs')
@Controller('jobs')
export class JobsStreamController {
  constructor(private readonly streams: JobStreamService) {}

  @Sse('stream')
  @ApiOperation({
    summary: 'Live job events (Server-Sent Events)',
    description:
      'First a `snapshot` event `{ jobs }` (unfinished jobs and those finished in the last 10 minutes), then `job.created`, ' +
      '`job.updated`, `job.completed`, `job.failed`, `job.cancelled` (data: Job) and `job.deleted` (data: `{ job_id }`). ' +
      'Every event has an increasing `id`; reconnect with `Last-Event-ID` to receive every later event and no snapshot ' +
      '(a fresh snapshot when the id is too old). A `: ping` comment is sent at least every 15 s.',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this event id' })
  @ApiResponse({ status: 200, description: 'An event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } })
  @ApiProblems(400)
  stream(@Query() q: StreamJobsQuery, @Headers('last-event-id') lastEventId?: string): Observable<MessageEvent> {
    return this.streams.open({ jobId: q.job_id, statuses: q.status }, lastEventId?.trim() || q.last_event_id || undefined);
  }
}
