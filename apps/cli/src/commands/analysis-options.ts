/** Options analyze and batch share: what to run, how urgently, whom to call back, and retry safety. */
import type { Argv } from 'yargs';
import { UsageError } from '../cli-error';
import type { GlobalOptions } from '../command-context';
import { commaList, httpUrl, integerIn, textUpTo } from '../options';

export interface AnalysisOptions extends GlobalOptions {
  analyzer?: string[];
  follow?: boolean;
  priority?: number;
  'callback-url'?: string;
  'idempotency-key'?: string;
}

export function analysisOptions<T extends GlobalOptions>(y: Argv<T>) {
  return y
    .option('analyzer', { alias: 'a', type: 'string', describe: 'Analyzer name(s), comma separated; several make a comprehensive analysis', coerce: commaList('analyzer') })
    .option('follow', { alias: 'f', type: 'boolean', describe: 'Show live progress until every job ended, then the presets made' })
    .option('priority', { alias: 'p', type: 'string', describe: 'Integer -10…10; queued jobs with a higher priority run first', coerce: integerIn('priority', -10, 10) })
    .option('callback-url', { type: 'string', describe: "A webhook called with each job's final event", coerce: httpUrl('callback-url') })
    .option('idempotency-key', { type: 'string', describe: 'Makes a retried command create nothing twice (1–255 characters)', coerce: textUpTo('idempotency-key', 255) });
}

/**
 * The Idempotency-Key of the n-th of `count` requests: the key itself for one request, `<key>-<n>` (from 1) for
 * several, so each file has its own and the same command run again replays every answer.
 */
export function idempotencyKeyOf(key: string | undefined, index: number, count: number): string | undefined {
  if (key === undefined) return undefined;
  const derived = count === 1 ? key : `${key}-${index + 1}`;
  if (derived.length > 255) throw new UsageError(`--idempotency-key is too long for ${count} files: "${derived.slice(0, 20)}…" would exceed 255 characters.`);
  return derived;
}
