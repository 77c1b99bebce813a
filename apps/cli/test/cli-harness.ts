/** Runs the CLI in-process (runCli) or as the built executable, with its own HOME, streams and environment. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runCli } from '../src/cli';
import type { OutputStream } from '../src/runtime';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const BUILT_CLI = join(ROOT, 'dist/cli/apps/cli/src/main.js');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** A temporary home folder (the config file goes under it) removed by `cleanup`. */
export function temporaryHome(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-cli-home-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

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

/** The built executable (dist/cli) as a child process, as `npx atelier` runs it. */
export function runBuilt(args: string[], options: { env?: Record<string, string>; home: string; stdin?: string; timeoutMs?: number }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [BUILT_CLI, ...args],
      {
        cwd: ROOT,
        timeout: options.timeoutMs ?? 60_000,
        env: { PATH: process.env['PATH'] ?? '', HOME: options.home, ...options.env },
      },
      (err, stdout, stderr) => {
        if (err && typeof err.code !== 'number') return reject(err);
        resolve({ code: typeof err?.code === 'number' ? err.code : 0, stdout, stderr });
      },
    );
    child.stdin?.end(options.stdin ?? '');
  });
}
