import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** The client the e2e server is registered as at the test issuer. */
export const E2E_OIDC_CLIENT = { id: 'atelier-e2e', secret: 'atelier-e2e-client-secret' };

export interface RunningOidcProvider {
  readonly issuer: string;
  stop(): Promise<void>;
}

/**
 * Starts tools/testing/oidc-provider-server.mjs (a real oidc-provider) on a free port, with one
 * client allowed to come back to `redirectUri`; resolves once it prints its issuer.
 */
export function startOidcProvider(root: string, redirectUri: string, timeoutMs = 20_000): Promise<RunningOidcProvider> {
  const child = spawn(process.execPath, [join(root, 'tools/testing/oidc-provider-server.mjs'), '--port', '0'], {
    cwd: root,
    env: { ...process.env, OIDC_CLIENT_ID: E2E_OIDC_CLIENT.id, OIDC_CLIENT_SECRET: E2E_OIDC_CLIENT.secret, OIDC_REDIRECT_URIS: redirectUri },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`The OIDC provider ${why}:\n${output.slice(-4000)}`));
    };
    const timer = setTimeout(() => fail(`printed no issuer within ${timeoutMs} ms`), timeoutMs);
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
      const line = output.split('\n').find((l) => l.startsWith('{"issuer"'));
      if (!line) return;
      clearTimeout(timer);
      resolve({ issuer: (JSON.parse(line) as { issuer: string }).issuer, stop });
    });
    child.once('exit', (code) => fail(`exited with code ${code}`));
  });
}
