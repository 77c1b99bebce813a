// The built API server as a child process: fresh temp DATA_DIR, a free port, killed after use;
// the bench calls it with an API key of its first admin (`server.auth`).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCESS_ENV, createApiKey } from './api-key.mjs';
import { distServer, root } from './workspace.mjs';

/** Running servers → the temp DATA_DIR to remove with them (undefined when the caller owns it). */
const live = new Map();

/** Node flags added to every server this process starts (`npm run bench -- --cpu-prof` adds --cpu-prof). */
export const serverNodeArgs = [];

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Resident set size of a process in MB (Linux /proc). */
export function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** The node flags `npm start` runs the server with (package.json), so the bench measures the same process. */
function startFlags() {
  const script = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.start;
  const flags = /\bnode((?: --\S+)*) dist\/server\//.exec(script);
  if (!flags) throw new Error(`cannot find the node command in package.json's start script: ${script}`);
  return flags[1].trim().split(' ').filter(Boolean);
}

/**
 * Starts dist/server/apps/api/src/main.js with the flags of `npm start`. `env` adds variables (OFFLINE_LATENCY_MS, …);
 * `dataDir` reuses a prepared directory (otherwise a fresh temp one, removed on stop). Once it is up, signs in
 * and makes an API key: `server.auth` holds the Authorization header every request of the bench sends.
 */
export async function startServer({ env = {}, dataDir, nodeArgs = [], timeoutMs = 30_000 } = {}) {
  const ownDir = !dataDir;
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'atelier-bench-data-'));
  const port = await freePort();
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...startFlags(), ...serverNodeArgs, ...nodeArgs, join(distServer, 'apps/api/src/main.js')], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: '',
      REDIS_URL: '',
      CONSOLE_DIR: '',
      LOG_LEVEL: 'warn',
      OPENAI_API_KEY: '',
      ...ACCESS_ENV,
      ...env,
      DATA_DIR: dir,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.set(child, ownDir ? dir : undefined);
  let output = '';
  const keep = (d) => {
    output = (output + d).slice(-8000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = `http://127.0.0.1:${port}`;

  const server = {
    url,
    port,
    dataDir: dir,
    pid: child.pid,
    auth: {},
    output: () => output,
    rssMb: () => rssMb(child.pid),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      live.delete(child);
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const done = await Promise.race([exited, new Promise((r) => setTimeout(r, 20))]);
    if (done) {
      live.delete(child);
      if (ownDir) rmSync(dir, { recursive: true, force: true });
      throw new Error(`the server exited (${done.code ?? done.signal}) while starting: ${output.trim().split('\n').slice(-5).join(' / ')}`);
    }
    const up = await fetch(`${url}/api/health`).then(
      (res) => res.ok,
      () => false, // not listening yet
    );
    if (up) {
      // From the spawn to the first healthy answer (polled every 20 ms): the boot time P9 reports.
      server.bootMs = performance.now() - spawnedAt;
      server.auth = { authorization: `Bearer ${await createApiKey(url)}` };
      return server;
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`the server did not answer /api/health within ${timeoutMs / 1000} s: ${output.slice(-500)}`);
    }
  }
}

/** Kills every server this process started (scenario end, crash, Ctrl-C). */
export function killAllServers() {
  for (const [child, dir] of live) {
    child.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
  live.clear();
}

/** Whether the server offers the analyzer endpoints (another issue builds them). */
export async function hasAnalyzers(server) {
  try {
    const res = await fetch(`${server.url}/api/analyzers`, { headers: server.auth });
    return res.ok;
  } catch {
    return false;
  }
}
