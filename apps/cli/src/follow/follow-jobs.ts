import { FollowRefusedError } from '@atelier/client';
import type { Api } from '../api/api';
import { CliError, errorOfAnswer } from '../cli-error';
import type { CommandContext } from '../command-context';
import { ExitCode } from '../exit-codes';
import { createFollowView, type JobLabels } from './follow-view';
import { JobSet, watchJobs } from './job-watch';

/**
 * Follows the jobs until each ended, showing them as the output mode asks. Ctrl-C stops following (the jobs go
 * on on the server) and ends with exit 130.
 */
export async function followJobs(context: CommandContext, api: Api, rootIds: string[], labels: JobLabels): Promise<JobSet> {
  const set = new JobSet(rootIds);
  const view = createFollowView(context.output, context.runtime.stderr, labels);
  try {
    for await (const update of watchJobs(api, set, context.signal)) view.show(update, set.roots());
  } catch (err) {
    if (err instanceof FollowRefusedError) throw errorOfAnswer(err.status, err.problem, err.request);
    if (!context.signal.aborted) throw err;
  } finally {
    view.stop();
  }
  if (!set.done) {
    throw new CliError('Stopped following; the jobs go on on the server.', ExitCode.Interrupted, rootIds.map((id) => `atelier jobs watch ${id}`));
  }
  return set;
}
