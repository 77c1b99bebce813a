import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './free-port';
import { E2E_OIDC_CLIENT, startOidcProvider } from './oidc-provider';
import { E2E_ADMIN, signIn } from './sign-in';

/**
 * Starts the real API (embedded mode, offline provider) serving the built console, with a first
 * admin the tests sign in as and "Sign in with SSO" through a real OpenID Connect provider
 * (started first: the server is told its issuer); returns the teardown.
 */
const root = resolve(__dirname, '../../../..');
const main = join(root, 'dist/server/apps/api/src/main.js');
const consoleDir = join(root, 'dist/apps/console/browser');

async function waitForHealth(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The API exited with code ${child.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The API did not become healthy in 30 s:\n${log()}`);
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  for (const [path, hint] of [
    [main, 'nx run api:build'],
    [join(consoleDir, 'index.html'), 'nx run console:build'],
  ]) {
    if (!existsSync(path)) throw new Error(`${path} is missing: run \`${hint}\` (nx run console-e2e:e2e does it for you).`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'atelier-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const oidc = await startOidcProvider(root, `${baseUrl}/api/auth/oidc/callback`);
  let output = '';
  // Embedded mode with the offline provider, whatever the calling shell has configured.
  const { DATABASE_URL: _db, REDIS_URL: _redis, OPENAI_API_KEY: _key, ...inherited } = process.env;
  const child = spawn(process.execPath, [main], {
    cwd: root,
    env: {
      ...inherited,
      VISION_PROVIDER: 'offline',
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      OFFLINE_LATENCY_MS: process.env['E2E_OFFLINE_LATENCY_MS'] ?? '8000',
      CONSOLE_DIR: consoleDir,
      LOG_LEVEL: 'warn',
      ATELIER_ADMIN_EMAIL: E2E_ADMIN.email,
      ATELIER_ADMIN_PASSWORD: E2E_ADMIN.password,
      OIDC_ISSUER_URL: oidc.issuer,
      OIDC_CLIENT_ID: E2E_OIDC_CLIENT.id,
      OIDC_CLIENT_SECRET: E2E_OIDC_CLIENT.secret,
      OIDC_ROLE_CLAIM: 'groups',
      OIDC_ROLE_MAP: 'atelier-ops=operator',
      // The webhook scenarios deliver to a receiver the test runs on this machine's loopback.
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  try {
    await waitForHealth(baseUrl, child, () => output.slice(-4000));
    // Fails here, once and plainly, rather than in every test's sign-in.
    await signIn(baseUrl, E2E_ADMIN).catch((err: unknown) => {
      throw new Error(`The e2e admin cannot sign in: ${err instanceof Error ? err.message : String(err)}\n${output.slice(-4000)}`);
    });
  } catch (err) {
    child.kill('SIGKILL');
    await oidc.stop();
    throw err;
  }
  process.env['E2E_BASE_URL'] = baseUrl;
  process.env['E2E_OIDC_ISSUER'] = oidc.issuer;

  return async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise<void>((done) => {
        const force = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(force);
          done();
        });
      });
    }
    await oidc.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
