/** analyze <files…>: one analysis job per file (several analyzers make it comprehensive), optionally followed. */
import type { Job } from '@atelier/client';
import type { Argv, CommandModule } from 'yargs';
import type { Api } from '../api/api';
import { CliError } from '../cli-error';
import { CommandContext } from '../command-context';
import { ExitCode } from '../exit-codes';
import { multipartForm, openImage } from '../files/image-files';
import { followJobs } from '../follow/follow-jobs';
import { failureOf, outcomeOf, reportOutcomes } from '../follow/outcomes';
import { formatTable } from '../output/table';
import { textUpTo } from '../options';
import type { Runtime } from '../runtime';
import { analysisOptions, idempotencyKeyOf, type AnalysisOptions } from './analysis-options';

interface AnalyzeOptions extends AnalysisOptions {
  files: string[];
  analyzer: string[];
  'preset-name'?: string;
}

interface Submitted {
  file: string;
  job: Job;
}

export function analyzeCommand(runtime: Runtime): CommandModule<AnalysisOptions, AnalyzeOptions> {
  return {
    command: 'analyze <files..>',
    describe: 'Analyse images: one job per file, queued at once',
    builder: (y: Argv<AnalysisOptions>) =>
      analysisOptions(y)
        .positional('files', { type: 'string', array: true, demandOption: true, default: undefined, describe: 'JPEG, PNG, WebP or GIF files' })
        .demandOption('analyzer', 'Choose what to analyse with --analyzer, e.g. --analyzer hair-color (list: GET /api/analyzers).')
        .option('preset-name', { type: 'string', describe: 'Name of the preset(s) to create', coerce: textUpTo('preset-name', 200) })
        .example('$0 analyze photo.jpg --analyzer hair-color --follow', 'one job, with a live progress bar')
        .example('$0 analyze *.png -a makeup,hair-color --priority 5', 'a comprehensive analysis per file') as unknown as Argv<AnalyzeOptions>,
    handler: async (args) => {
      const context = new CommandContext(runtime, args);
      // Every file is checked before the first upload, so a typo creates nothing.
      const images = await Promise.all(args.files.map((path) => openImage(path)));
      const keys = args.files.map((_, i) => idempotencyKeyOf(args['idempotency-key'], i, args.files.length));
      const api = await context.api();

      const submitted: Submitted[] = [];
      const refused: CliError[] = [];
      for (const [i, image] of images.entries()) {
        try {
          submitted.push({ file: args.files[i], job: await submit(api, image, args, keys[i]) });
        } catch (err) {
          if (!(err instanceof CliError)) throw err;
          refused.push(new CliError(`${args.files[i]}: ${err.message}`, err.exitCode, err.details, err.problem));
          // A refused file (not an image, too large) does not stop the others; anything else (auth, unknown analyzer, server down) does.
          if (err.exitCode !== ExitCode.Rejected) break;
        }
      }
      const refusal = refusalOf(refused, args.files.length);

      if (args.follow && submitted.length) {
        const labels = new Map(submitted.map((s) => [s.job.job_id, s.file]));
        const set = await followJobs(context, api, submitted.map((s) => s.job.job_id), labels);
        const outcomes = [];
        for (const s of submitted) outcomes.push(await outcomeOf(api, set.get(s.job.job_id) ?? s.job, s.file));
        reportOutcomes(context.output, outcomes);
        const failure = refusal ?? failureOf(outcomes);
        if (failure) throw failure;
        return;
      }
      if (submitted.length) printSubmitted(context, submitted);
      if (refusal) throw refusal;
    },
  };
}

async function submit(api: Api, image: File, args: AnalyzeOptions, idempotencyKey: string | undefined): Promise<Job> {
  const comprehensive = args.analyzer.length > 1;
  // callback_url and analyzers are form fields the generated schema of this route does not list yet (docs/api.md "Integrations").
  const body = {
    image,
    preset_name: args['preset-name'],
    priority: args.priority,
    callback_url: args['callback-url'],
    analyzers: comprehensive ? args.analyzer.join(',') : undefined,
  };
  const header = idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : undefined;
  const name = comprehensive ? 'comprehensive' : args.analyzer[0];
  const accepted = await api.call(
    `POST /api/analyzers/${name}/analyze`,
    api.client.POST('/api/analyzers/{name}/analyze', {
      params: { path: { name }, query: { async_mode: true }, header },
      body,
      bodySerializer: multipartForm,
      signal: api.signal,
    }),
  );
  if (!accepted || !('job' in accepted)) throw new CliError(`The server answered ${name} without a job.`, ExitCode.ServerError);
  return accepted.job;
}

function printSubmitted(context: CommandContext, submitted: Submitted[]): void {
  const { output } = context;
  output.result({ jobs: submitted.map((s) => ({ file: s.file, job_id: s.job.job_id, job: s.job })) }, () =>
    [
      formatTable(['FILE', 'JOB', 'STATUS', 'TITLE'], submitted.map((s) => [s.file, s.job.job_id, output.style.status(s.job.status), s.job.title])),
      '',
      submitted.length === 1 ? `Follow it: atelier jobs watch ${submitted[0].job.job_id}` : 'Follow them: atelier jobs watch',
    ].join('\n'),
  );
}

/** One refusal as the server said it; several as one message naming each file. */
function refusalOf(refused: CliError[], files: number): CliError | undefined {
  if (refused.length <= 1) return refused[0];
  return new CliError(`${refused.length} of ${files} files were refused; the others were queued.`, refused[0].exitCode, refused.map((r) => r.message));
}
