import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiProblems, CurrentScope, type AccessScope } from '@atelier/platform';
import { JobStreamService } from './job-stream.service';
import { StreamJobsQuery } from './dto/stream-jobs.query';

@ApiTags('jobs')
@Controller('jobs')
export class JobsStreamController {
  constructor(private readonly streams: JobStreamService) {}

  // The query is validated by Nest as for any route; the stream itself is written by JobStreamService, not by
  // @Sse, whose per-message pipeline and write per event and client could not keep up with 1,000 clients.
  @Get('stream')
  @ApiOperation({
    operationId: 'streamJobs',
    summary: 'Live job events (Server-Sent Events)',
    description:
      'First a `snapshot` event `{ jobs }` (unfinished jobs and those finished in the last 10 minutes, newest first), then `job.created`, ' +
      '`job.updated`, `job.completed`, `job.failed`, `job.cancelled` (data: Job) and `job.deleted` (data: `{ job_id }`). ' +
      'The snapshot is kept small: at most the newest `SSE_SNAPSHOT_FINISHED` (default 100) finished jobs and 500 unfinished ones, ' +
      'with the parents and children of those. When it leaves jobs out it adds `truncated: true`, `finished_since` (start of the ' +
      'window, ISO-8601), `unfinished_cursor` and `finished_cursor` (each a string or null): `GET /api/jobs?status=queued,running&cursor=' +
      '{unfinished_cursor}` pages the unfinished jobs left out, and `GET /api/jobs?status=completed,failed,cancelled&cursor={finished_cursor}` ' +
      'the finished jobs after those sent, of which those with `finished_at` ≥ `finished_since` were left out. ' +
      'Every event has an increasing `id`; reconnect with `Last-Event-ID` to receive every later event and no snapshot ' +
      '(a fresh snapshot when the id is too old). A `: ping` comment is sent at least every 15 s.\n\n' +
      'Besides job events: `queue.paused` and `queue.resumed` (data: `{ type, paused, changed_at, changed_by }`, to every stream ' +
      'without a `job_id` filter) and `panel.dismissed` (data: `{ user_id, job_ids }`, to the streams of the user who dismissed). ' +
      'Clients should ignore event names they do not know. @atelier/client\'s `followJob` and `followStream` read this stream.',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this event id' })
  @ApiResponse({
    status: 200,
    description: 'An event stream: `id:`, `event:` (snapshot, job.created, job.updated, job.completed, job.failed, job.cancelled, job.deleted, queue.paused, queue.resumed, panel.dismissed) and `data:` one JSON object',
    content: {
      'text/event-stream': {
        schema: { type: 'string' },
        example: 'id: 41\nevent: snapshot\ndata: {"jobs":[]}\n\nid: 42\nevent: job.updated\ndata: {"job_id":"0193…","status":"running","progress":0.4}\n\n: ping\n\n',
      },
    },
  })
  @ApiProblems(400, 401)
  stream(@Query() q: StreamJobsQuery, @Req() req: IncomingMessage, @Res() res: ServerResponse, @CurrentScope() scope: AccessScope): Promise<void> {
    const header = req.headers['last-event-id'];
    const lastEventId = (typeof header === 'string' && header.trim()) || q.last_event_id || undefined;
    // As Nest's @Sse did: TCP keep-alive probes, no Nagle delay, no idle timeout on a quiet stream.
    req.socket.setKeepAlive(true);
    req.socket.setNoDelay(true);
    req.socket.setTimeout(0);
    // A member's stream carries its own jobs only.
    return this.streams.open(res, { jobId: q.job_id, statuses: q.status, owner: scope.owner, user: scope.actor }, lastEventId);
  }
}
