/** What a finished job made, as the end of `analyze --follow` and `batch --follow` reports it. */
import type { Job, Preset } from '@atelier/client';
import type { Api } from '../api/api';
import { CliError } from '../cli-error';
import { ExitCode } from '../exit-codes';
import type { Output } from '../output/output';
import { formatTable } from '../output/table';

export interface Outcome {
  /** The file it analysed, or the job's title. */
  label: string;
  job_id: string;
  status: Job['status'];
  error: Job['error'];
  /** With their names and categories unless the caller asked for ids only. */
  presets: (Pick<Preset, 'preset_id'> & Partial<Pick<Preset, 'name' | 'category'>>)[];
}

/** The presets a job's result names: `preset_id` of an analysis, `preset_ids` of a comprehensive one. */
export function presetIdsOf(job: Job): string[] {
  const result = job.result ?? {};
  const ids = [result['preset_id'], ...(Array.isArray(result['preset_ids']) ? result['preset_ids'] : [])];
  return ids.filter((id): id is string => typeof id === 'string');
}

export async function outcomeOf(api: Api, job: Job, label: string, options: { names?: boolean } = {}): Promise<Outcome> {
  const presets: Outcome['presets'] = [];
  for (const id of presetIdsOf(job)) {
    if (options.names === false) {
      presets.push({ preset_id: id });
      continue;
    }
    const preset = await api.call(`GET /api/presets/${id}`, api.client.GET('/api/presets/{preset_id}', { params: { path: { preset_id: id } }, signal: api.signal })).catch((err: unknown) => {
      // Deleted since the job made it: the id is still what happened.
      if (err instanceof CliError && err.exitCode === ExitCode.NotFound) return undefined;
      throw err;
    });
    presets.push(preset ? { preset_id: preset.preset_id, name: preset.name, category: preset.category } : { preset_id: id });
  }
  return { label, job_id: job.job_id, status: job.status, error: job.error, presets };
}

/** The closing report: NDJSON's last line with --json, else a table. */
export function reportOutcomes(output: Output, outcomes: Outcome[]): void {
  if (output.json) output.record({ event: 'summary', data: { jobs: outcomes } });
  else {
    const rows = outcomes.map((o) => [
      o.label,
      o.job_id,
      output.style.status(o.status),
      o.presets.length ? o.presets.map((p) => (p.name ? `${p.preset_id} ${p.name} (${p.category})` : p.preset_id)).join(', ') : (o.error?.message ?? '-'),
    ]);
    output.line(formatTable(['FILE', 'JOB', 'STATUS', 'PRESETS'], rows));
  }
}

/** Exit 1 when a job failed or was cancelled, naming each. */
export function failureOf(outcomes: Outcome[]): CliError | undefined {
  const unsuccessful = outcomes.filter((o) => o.status !== 'completed');
  if (unsuccessful.length) {
    return new CliError(`${unsuccessful.length} of ${outcomes.length} job${outcomes.length === 1 ? '' : 's'} did not complete.`, ExitCode.JobFailed, unsuccessful.map((o) => `${o.label}: ${o.status}${o.error ? ` (${o.error.message})` : ''}`));
  }
  return undefined;
}
