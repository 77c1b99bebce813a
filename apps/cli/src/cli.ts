/** The command line: yargs builds and checks it, each command lives in commands/, and every failure becomes one message and an exit code. */
import yargs, { type Argv } from 'yargs';
import { CliError, UsageError } from './cli-error';
import type { GlobalOptions } from './command-context';
import { analyzeCommand } from './commands/analyze';
import { loginCommand, logoutCommand, whoamiCommand } from './commands/auth';
import { batchCommand } from './commands/batch';
import { jobsCommand } from './commands/jobs';
import { presetsCommand } from './commands/presets';
import { webhooksCommand } from './commands/webhooks';
import { EXIT_CODE_HELP, ExitCode } from './exit-codes';
import { Style } from './output/style';
import type { Runtime } from './runtime';
import { cliVersion } from './version';

const EPILOGUE = `Credentials: \`atelier login\`, or ATELIER_URL and ATELIER_API_KEY (which override it).
--json: one JSON document on stdout (NDJSON events while following); messages go to stderr.

${EXIT_CODE_HELP}

Docs: docs/cli.md`;

export function buildCli(runtime: Runtime): Argv<GlobalOptions> {
  const width = runtime.stdout.columns ? Math.min(runtime.stdout.columns, 120) : 100;
  return yargs()
    .scriptName('atelier')
    .usage('$0 <command> [options]\n\nRun Atelier image analyses from a terminal or a script.')
    .option('json', { type: 'boolean', global: true, describe: 'Machine-readable output on stdout' })
    .command(loginCommand(runtime))
    .command(logoutCommand(runtime))
    .command(whoamiCommand(runtime))
    .command(analyzeCommand(runtime))
    .command(batchCommand(runtime))
    .command(jobsCommand(runtime))
    .command(presetsCommand(runtime))
    .command(webhooksCommand(runtime))
    .completion('completion', 'Print a bash/zsh completion script (add `source <(atelier completion)` to ~/.bashrc or ~/.zshrc)')
    .demandCommand(1, 'Choose a command.')
    .strict()
    .help()
    .alias('help', 'h')
    .version(cliVersion())
    .epilogue(EPILOGUE)
    .wrap(width)
    .exitProcess(false)
    .fail((message, err) => {
      // A handler's error comes as is; yargs' own checks (unknown option, missing argument) come as a message or a YError.
      if (err instanceof CliError) throw err;
      if (err && err.name !== 'YError') throw err;
      const [first, ...more] = (message ?? err?.message ?? 'Invalid command line.').split('\n');
      throw new UsageError(first, more);
    }) as Argv<GlobalOptions>;
}

/** Runs one command line and answers the exit code; output goes to the runtime's streams, never to the console. */
export async function runCli(args: string[], runtime: Runtime): Promise<number> {
  let printed = '';
  try {
    await buildCli(runtime).parseAsync(args, {}, (_err, _argv, output) => {
      printed = output;
    });
    // --help, --version and completion answer through yargs' output.
    if (printed) runtime.stdout.write(`${printed}\n`);
    return ExitCode.Ok;
  } catch (err) {
    return reportFailure(runtime, err);
  }
}

function reportFailure(runtime: Runtime, err: unknown): number {
  const style = Style.for(runtime.stderr, runtime.env);
  if (err instanceof CliError) {
    const hint = err instanceof UsageError ? ['See `atelier --help`, or `atelier <command> --help`.'] : [];
    runtime.stderr.write(`${style.paint('red', 'error:')} ${err.message}\n${[...err.details, ...hint].map((line) => `  ${line}\n`).join('')}`);
    return err.exitCode;
  }
  if (runtime.signal.aborted) return ExitCode.Interrupted;
  // A bug of the CLI itself: say so plainly, with the stack for the report.
  runtime.stderr.write(`${style.paint('red', 'internal error:')} ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return ExitCode.Internal;
}
