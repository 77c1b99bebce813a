/** Runs the CLI in-process (runCli) with its own HOME, streams and environment. */
import { PassThrough } from 'node:stream';
import { runCli } from '../src/cli';
import type { OutputStream } from '../src/runtime';
import type { Run } from './built-cli';

export { temporaryHome } from './temporary-home';

function capture(tty: boolean): { stream: OutputStream; text: () => string } {
  const stream = new PassThrough() as PassThrough & OutputStream;
  stream.isTTY = tty;
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

export interface InProcessOptions {
  env?: Record<string, string | undefined>;
  home: string;
  stdin?: string;
  tty?: boolean;
}

/** runCli with captured streams: what a person would see, without a process. */
export async function runInProcess(args: string[], options: InProcessOptions): Promise<Run> {
  const stdout = capture(!!options.tty);
  const stderr = capture(!!options.tty);
  const stdin = new PassThrough();
  stdin.end(options.stdin ?? '');
  const code = await runCli(args, {
    stdout: stdout.stream,
    stderr: stderr.stream,
    stdin,
    env: { ...options.env },
    homeDir: options.home,
    signal: new AbortController().signal,
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
