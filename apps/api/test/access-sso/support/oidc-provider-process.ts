import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const SCRIPT = join(__dirname, '../../../../../tools/testing/oidc-provider-server.mjs');

export const OIDC_CLIENT = { id: 'atelier-test', secret: 'atelier-test-client-secret' };

/** tools/testing/oidc-provider-server.mjs (a real oidc-provider) as a child process. */
export class OidcProviderProcess {
  output = '';
  issuer = '';
  private child?: ChildProcess;
  private exited?: Promise<number | null>;

  constructor(
    private readonly port: number,
    private readonly redirectUris: string[],
  ) {}

  async start(timeoutMs = 20_000): Promise<string> {
    const child = spawn(process.execPath, [SCRIPT, '--port', String(this.port)], {
      env: { ...process.env, OIDC_CLIENT_ID: OIDC_CLIENT.id, OIDC_CLIENT_SECRET: OIDC_CLIENT.secret, OIDC_REDIRECT_URIS: this.redirectUris.join(',') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout!.on('data', (d) => (this.output += d));
    child.stderr!.on('data', (d) => (this.output += d));
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    this.issuer = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the OIDC provider did not start within ${timeoutMs} ms:\n${this.output}`)), timeoutMs);
      child.stdout!.on('data', () => {
        const line = this.output.split('\n').find((l) => l.startsWith('{"issuer"'));
        if (!line) return;
        clearTimeout(timer);
        resolve((JSON.parse(line) as { issuer: string }).issuer);
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the OIDC provider exited with ${code}:\n${this.output}`));
      });
    });
    return this.issuer;
  }

  async stop(): Promise<void> {
    this.child?.kill('SIGTERM');
    await this.exited;
  }
}
