import { ExitCode, exitCodeOfStatus } from './exit-codes';

/** A failure the CLI reports as one message (never a stack trace) and an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    /** Lines printed under the message: the fields a problem names, a hint. */
    readonly details: string[] = [],
    /** The problem+json the server answered, printed as is with --json. */
    readonly problem?: ProblemBody,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Bad arguments or options; yargs' own validation failures become this too. */
export class UsageError extends CliError {
  constructor(message: string, details: string[] = []) {
    super(message, ExitCode.Usage, details);
    this.name = 'UsageError';
  }
}

/** An RFC 9457 problem as the server sends it (every field may be missing from a proxy's answer). */
export interface ProblemBody {
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: { field: string; message: string }[];
}

/** The error of an HTTP answer that is not 2xx: its problem's title and detail, or the bare status. */
export function errorOfAnswer(status: number, body: unknown, request: string): CliError {
  const problem = isProblem(body) ? body : undefined;
  const title = problem?.title ?? `HTTP ${status}`;
  const message = problem?.detail && problem.detail !== title ? `${title}: ${problem.detail}` : title;
  // Field messages that only repeat the detail add nothing.
  const details = (problem?.errors ?? []).filter((e) => !message.includes(e.message)).map((e) => `${e.field}: ${e.message}`);
  if (status === 401) details.push('Sign in with `atelier login`, or set ATELIER_URL and ATELIER_API_KEY.');
  return new CliError(message, exitCodeOfStatus(status), details, problem ?? { status, title: `${request} answered ${status}` });
}

function isProblem(body: unknown): body is ProblemBody {
  return !!body && typeof body === 'object' && ('title' in body || 'detail' in body);
}

/** The error of a request that never got an answer (connection refused, DNS, TLS, a dropped socket). */
export function errorOfNetwork(err: unknown, baseUrl: string): CliError {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  const reason = cause instanceof Error ? ('code' in cause && typeof cause.code === 'string' ? cause.code : cause.message) : String(cause);
  return new CliError(`Cannot reach the server at ${baseUrl} (${reason}).`, ExitCode.Unreachable, ['Is it running? Check ATELIER_URL or `atelier login --url`.']);
}
