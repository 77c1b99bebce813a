/** What the process exit status says happened; `--help` and docs/cli.md list the same table. */
export const ExitCode = {
  Ok: 0,
  /** A followed job failed or was cancelled. */
  JobFailed: 1,
  /** Bad arguments or options, or a local file that cannot be read. */
  Usage: 2,
  /** No credentials, or the server refused them (401) or the role is too low (403). */
  Auth: 3,
  /** The job, preset, webhook or analyzer does not exist (404). */
  NotFound: 4,
  /** The server could not be reached, or it is unavailable (502, 503, 504). */
  Unreachable: 5,
  /** The server refused the request as it stands (400, 409, 413, 415, 422…): the message says why. */
  Rejected: 6,
  /** Too many requests or jobs (429): try again later. */
  RateLimited: 7,
  /** The server failed (500). */
  ServerError: 8,
  /** A bug of the CLI itself (please report it with the message). */
  Internal: 70,
  /** Interrupted (Ctrl-C). */
  Interrupted: 130,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export const EXIT_CODE_HELP = [
  'Exit codes:',
  '  0    success',
  '  1    a followed job failed or was cancelled',
  '  2    usage error (bad arguments, unreadable local file)',
  '  3    not signed in, key refused (401) or role too low (403)',
  '  4    not found (404)',
  '  5    server unreachable or unavailable (502/503/504)',
  '  6    request refused by the server (400, 409, 413, 415, 422)',
  '  7    rate limit or job quota reached (429)',
  '  8    server error (500)',
  '  70   internal error of the CLI',
  '  130  interrupted',
].join('\n');

/** The exit code of an HTTP error answer. */
export function exitCodeOfStatus(status: number): ExitCode {
  if (status === 401 || status === 403) return ExitCode.Auth;
  if (status === 404) return ExitCode.NotFound;
  if (status === 429) return ExitCode.RateLimited;
  if (status === 502 || status === 503 || status === 504) return ExitCode.Unreachable;
  if (status >= 500) return ExitCode.ServerError;
  return ExitCode.Rejected;
}
