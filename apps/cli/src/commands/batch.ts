/** batch <dir>: every image of a folder as one POST /api/batches, all or nothing, optionally followed. */
import type { Job } from '@atelier/client';
import { basename } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { CliError, UsageError } from '../cli-error';
import { CommandContext } from '../command-context';
import { ExitCode } from '../exit-codes';
import { IMAGE_EXTENSIONS, imagesInDirectory, multipartForm, openImage } from '../files/image-files';
import { followJobs } from '../follow/follow-jobs';
import { failureOf, outcomeOf, reportOutcomes } from '../follow/outcomes';
import { formatFields } from '../output/table';
import type { Runtime } from '../runtime';
import { analysisOptions, type AnalysisOptions } from './analysis-options';

/** The most images one batch takes (docs/api.md, "Batches"). */
export const MAX_BATCH_IMAGES = 500;
const PRESET_NAMES_UP_TO = 50;

interface BatchOptions extends AnalysisOptions {
  dir: string;
  recursive?: boolean;
}

export function batchCommand(runtime: Runtime): CommandModule<AnalysisOptions, BatchOptions> {
  return {
    command: 'batch <dir>',
    describe: `Analyse every image of a folder as one batch (1–${MAX_BATCH_IMAGES} images; a bad file refuses the whole batch)`,
    builder: (y: Argv<AnalysisOptions>) =>
      analysisOptions(y)
        .positional('dir', { type: 'string', demandOption: true, describe: `Folder of ${IMAGE_EXTENSIONS.join(' ')} files` })
        .option('recursive', { alias: 'r', type: 'boolean', describe: 'Include sub-folders' })
        .example('$0 batch ./shoot --analyzer hair-color,makeup --follow', 'one batch, followed to its end') as unknown as Argv<BatchOptions>,
    handler: async (args) => {
      const context = new CommandContext(runtime, args);
      const paths = await imagesInDirectory(args.dir, !!args.recursive);
      if (!paths.length) throw new UsageError(`No image files (${IMAGE_EXTENSIONS.join(' ')}) in ${args.dir}${args.recursive ? '' : ' (sub-folders need --recursive)'}.`);
      if (paths.length > MAX_BATCH_IMAGES) throw new UsageError(`${args.dir} holds ${paths.length} images; a batch takes at most ${MAX_BATCH_IMAGES}.`, ['Split the folder, or run one batch per sub-folder.']);
      const images = await Promise.all(paths.map((path) => openImage(path)));
      const api = await context.api();

      const header = args['idempotency-key'] ? { 'Idempotency-Key': args['idempotency-key'] } : undefined;
      const accepted = await api.call(
        'POST /api/batches',
        api.client.POST('/api/batches', {
          params: { header },
          body: { images, analyzers: args.analyzer?.join(','), priority: args.priority, callback_url: args['callback-url'] },
          bodySerializer: multipartForm,
          signal: api.signal,
        }),
      );
      if (!accepted?.job) throw new CliError('The server answered the batch without a job.', ExitCode.ServerError);
      const batch = accepted.job;

      if (!args.follow) {
        context.output.result({ job_id: batch.job_id, job: batch, files: paths }, () =>
          [formatFields([['Batch', batch.job_id], ['Images', String(paths.length)], ['Status', context.output.style.status(batch.status)]]), '', `Follow it: atelier jobs watch ${batch.job_id}`].join('\n'),
        );
        return;
      }
      const set = await followJobs(context, api, [batch.job_id], new Map([[batch.job_id, basename(args.dir) || args.dir]]));
      const children = (set.get(batch.job_id) ?? batch).child_ids.map((id) => set.get(id)).filter((job): job is Job => !!job);
      const outcomes = [];
      // Preset names cost a request each: read them for a small batch only (the rate limit counts every request).
      const names = children.length <= PRESET_NAMES_UP_TO;
      for (const child of children) outcomes.push(await outcomeOf(api, child, fileOf(child), { names }));
      reportOutcomes(context.output, outcomes);
      const failure = failureOf(outcomes);
      if (failure) throw failure;
    },
  };
}

/** The file a batch child analysed (the server keeps its name), else the child's title. */
function fileOf(job: Job): string {
  const name = job.metadata['file_name'];
  return typeof name === 'string' ? name : job.title;
}
