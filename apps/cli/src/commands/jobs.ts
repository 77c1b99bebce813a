/** jobs ls|get|cancel|retry|watch: the job history and its live stream. */
import { FINAL_STATUSES, FollowRefusedError, followJob, followStream, type Job, type JobStreamEvent } from '@atelier/client';
import type { Argv, CommandModule } from 'yargs';
import type { Api } from '../api/api';
import { CliError, UsageError, errorOfAnswer } from '../cli-error';
import { CommandContext, type GlobalOptions } from '../command-context';
import { ExitCode } from '../exit-codes';
import { commaList, integerIn } from '../options';
import { eventLine, jobDetails, jobsTable } from '../output/job-format';
import type { Output } from '../output/output';
import type { Runtime } from '../runtime';
import { commandGroup } from './command-group';

const STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'];
const TYPES = ['analyze', 'comprehensive_analyze', 'generate_image', 'generate_thumbnail', 'batch'];

interface ListOptions extends GlobalOptions {
  status?: string[];
  type?: string[];
  q?: string;
  limit?: number;
  cursor?: string;
}

interface JobIdOptions extends GlobalOptions {
  id: string;
}

interface WatchOptions extends GlobalOptions {
  id?: string;
}

export function jobsCommand(runtime: Runtime): CommandModule<GlobalOptions, GlobalOptions> {
  return commandGroup('jobs', 'List, inspect, cancel, retry and watch jobs', [
    listJobs(runtime),
    getJob(runtime),
    changeJob(runtime, 'cancel', 'Cancel a queued or running job (and its unfinished children)'),
    changeJob(runtime, 'retry', 'Queue a failed or cancelled job again'),
    watchJobs(runtime),
  ]);
}

function listJobs(runtime: Runtime): CommandModule<GlobalOptions, ListOptions> {
  return {
    command: 'ls',
    aliases: ['list'],
    describe: 'Jobs, newest first',
    builder: (y: Argv<GlobalOptions>) =>
      y
        .option('status', { alias: 's', type: 'string', describe: `Comma list of ${STATUSES.join(', ')}`, coerce: oneOf('status', STATUSES) })
        .option('type', { alias: 't', type: 'string', describe: `Comma list of ${TYPES.join(', ')}`, coerce: oneOf('type', TYPES) })
        .option('q', { type: 'string', describe: 'Search: job id prefix, title, preset name or file name' })
        .option('limit', { alias: 'n', type: 'string', describe: 'At most this many (1–200; the server defaults to 50)', coerce: integerIn('limit', 1, 200) })
        .option('cursor', { type: 'string', describe: 'Next page: the cursor the previous page printed' })
        .example('$0 jobs ls --status failed,cancelled -n 10', '') as unknown as Argv<ListOptions>,
    handler: async (args) => {
      const context = new CommandContext(runtime, args);
      const api = await context.api();
      const query = { status: args.status?.join(','), type: args.type?.join(','), q: args.q, limit: args.limit, cursor: args.cursor };
      const page = await api.call('GET /api/jobs', api.client.GET('/api/jobs', { params: { query }, signal: api.signal }));
      const { output } = context;
      output.result(page, () => {
        if (!page.jobs.length) return 'No jobs.';
        const more = page.next_cursor ? `\n\nMore: the same command with --cursor ${page.next_cursor}` : '';
        return `${jobsTable(page.jobs, output.style)}${more}`;
      });
    },
  };
}

function getJob(runtime: Runtime): CommandModule<GlobalOptions, JobIdOptions> {
  return {
    command: 'get <id>',
    describe: 'One job: status, progress, attempts, error, presets',
    builder: (y: Argv<GlobalOptions>) => y.positional('id', { type: 'string', demandOption: true }) as unknown as Argv<JobIdOptions>,
    handler: async (args) => {
      const context = new CommandContext(runtime, args);
      const api = await context.api();
      const job = await readJob(api, args.id);
      context.output.result(job, () => jobDetails(job, context.output.style));
    },
  };
}

function changeJob(runtime: Runtime, action: 'cancel' | 'retry', describe: string): CommandModule<GlobalOptions, JobIdOptions> {
  return {
    command: `${action} <id>`,
    describe,
    builder: (y: Argv<GlobalOptions>) => y.positional('id', { type: 'string', demandOption: true }) as unknown as Argv<JobIdOptions>,
    handler: async (args) => {
      const context = new CommandContext(runtime, args);
      const api = await context.api();
      const params = { params: { path: { job_id: args.id } }, signal: api.signal };
      const job =
        action === 'cancel'
          ? await api.call(`POST /api/jobs/${args.id}/cancel`, api.client.POST('/api/jobs/{job_id}/cancel', params))
          : await api.call(`POST /api/jobs/${args.id}/retry`, api.client.POST('/api/jobs/{job_id}/retry', params));
      context.output.result(job, () => `${action === 'cancel' ? 'Cancelled' : 'Queued again'}: ${job.job_id} ${job.title} (${context.output.style.status(job.status)})`);
    },
  };
}

function watchJobs(runtime: Runtime): CommandModule<GlobalOptions, WatchOptions> {
  return {
    command: 'watch [id]',
    describe: 'Follow the event stream: one job (and its children) until it ends, or all your jobs until Ctrl-C',
    builder: (y: Argv<GlobalOptions>) => y.positional('id', { type: 'string', describe: 'The job to follow (default: every job you may see)' }) as unknown as Argv<WatchOptions>,
    handler: async (args) => {
      const context = new CommandContext(runtime, args);
      const api = await context.api();
      const events = args.id ? followJob(api.client, args.id, { signal: context.signal }) : followStream(api.client, { signal: context.signal });
      try {
        for await (const message of events) printEvent(context.output, message);
      } catch (err) {
        if (err instanceof FollowRefusedError) throw errorOfAnswer(err.status, err.problem, err.request);
        if (!context.signal.aborted) throw err;
      }
      if (context.signal.aborted) {
        if (args.id) throw new CliError('Stopped watching; the job goes on on the server.', ExitCode.Interrupted);
        return;
      }
      // The stream of one job ended: it ended too (or was deleted).
      if (args.id) {
        const job = await readJob(api, args.id).catch(() => undefined);
        if (job && job.status !== 'completed' && FINAL_STATUSES.has(job.status)) throw new CliError(`Job ${job.job_id} ${job.status}${job.error ? `: ${job.error.message}` : ''}.`, ExitCode.JobFailed);
      }
    },
  };
}

/** NDJSON with --json (the stream's events as they come); else one line per job change. */
function printEvent(output: Output, message: JobStreamEvent): void {
  if (output.json) return output.record(message);
  if (message.event === 'snapshot') for (const job of message.data.jobs) output.line(eventLine('now', job, output.style));
  else if (message.event === 'job.deleted') output.line(`${message.event} ${message.data.job_id}`);
  else if (message.event.startsWith('job.')) output.line(eventLine(message.event, message.data as Job, output.style));
  else if (message.event === 'queue.paused' || message.event === 'queue.resumed') output.line(`${message.event} ${message.data.type}`);
}

async function readJob(api: Api, id: string): Promise<Job> {
  return api.call(`GET /api/jobs/${id}`, api.client.GET('/api/jobs/{job_id}', { params: { path: { job_id: id } }, signal: api.signal }));
}

/** A comma list whose items must be among `allowed` (a typo is caught before the request). */
function oneOf(option: string, allowed: string[]): (value: unknown) => string[] | undefined {
  const list = commaList(option);
  return (value) => {
    const items = list(value);
    const unknown = items?.filter((item) => !allowed.includes(item)) ?? [];
    if (unknown.length) throw new UsageError(`--${option}: unknown ${unknown.join(', ')}; choose from ${allowed.join(', ')}.`);
    return items;
  };
}
