/** The built executable (dist/cli) as a child process, as `npx atelier` runs it: with its own HOME and environment only. */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(__dirname, '../../..');
export const BUILT_CLI = join(ROOT, 'dist/cli/apps/cli/src/main.js');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export interface BuiltOptions {
  home: string;
  env?: Record<string, string>;
  stdin?: string;
  timeoutMs?: number;
}

function environment(options: BuiltOptions): NodeJS.ProcessEnv {
  return { PATH: process.env['PATH'] ?? '', HOME: options.home, ...options.env };
}

/** Runs to the end and answers the exit code and the two streams. */
export function runBuilt(args: string[], options: BuiltOptions): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [BUILT_CLI, ...args], { cwd: ROOT, timeout: options.timeoutMs ?? 60_000, env: environment(options) }, (err, stdout, stderr) => {
      if (err && typeof err.code !== 'number') return reject(err);
      resolve({ code: typeof err?.code === 'number' ? err.code : 0, stdout, stderr });
    });
    child.stdin?.end(options.stdin ?? '');
  });
}

/** A running CLI whose output the test reads as it comes (e.g. `--follow`), and its end. */
export class RunningCli {
  stdout = '';
  stderr = '';
  readonly ended: Promise<Run>;
  private readonly child: ChildProcess;

  constructor(args: string[], options: BuiltOptions) {
    this.child = spawn(process.execPath, [BUILT_CLI, ...args], { cwd: ROOT, env: environment(options), stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (d: Buffer) => (this.stdout += d.toString()));
    this.child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.ended = new Promise((resolve, reject) => {
      this.child.on('error', reject);
      this.child.on('close', (code) => resolve({ code: code ?? -1, stdout: this.stdout, stderr: this.stderr }));
    });
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}
