import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../../..');
export const SERVER_MAIN = join(ROOT, 'dist/server/apps/api/src/main.js');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** The built server (dist/server) as a child process, as `npm start` runs it. */
export class ServerProcess {
  readonly url: string;
  output = '';
  private child?: ChildProcess;
  private exited?: Promise<number | null>;

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  async start(timeoutMs = 20_000): Promise<void> {
    const child = spawn(process.execPath, [SERVER_MAIN], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(this.port), HOST: '127.0.0.1', CONSOLE_DIR: '', LOG_LEVEL: 'info', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout!.on('data', (d) => (this.output += d));
    child.stderr!.on('data', (d) => (this.output += d));
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start within ${timeoutMs} ms:\n${this.output}`)), timeoutMs);
      const onData = () => {
        if (this.output.includes('listening on')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code} before listening:\n${this.output}`));
      });
    });
  }

  /** Kills the process without warning, as a crash or an OOM killer would. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<number | null> {
    this.child?.kill(signal);
    return this.exited ?? null;
  }
}
