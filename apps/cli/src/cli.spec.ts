import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { runInProcess, temporaryHome } from '../test/cli-harness';
import { ExitCode } from './exit-codes';

describe('atelier command line', () => {
  let home: ReturnType<typeof temporaryHome>;
  beforeEach(() => {
    home = temporaryHome();
  });
  afterEach(() => home.cleanup());
  const run = (...args: string[]) => runInProcess(args, { home: home.dir });

  it('lists every command and the exit codes in --help', async () => {
    const { code, stdout } = await run('--help');
    expect(code).toBe(ExitCode.Ok);
    for (const command of ['login', 'logout', 'whoami', 'analyze <files..>', 'batch <dir>', 'jobs', 'presets', 'webhooks', 'completion']) expect(stdout).toContain(`atelier ${command}`);
    expect(stdout).toMatch(/Exit codes:[\s\S]*2 +usage error[\s\S]*3 +not signed in[\s\S]*130 +interrupted/);
  });

  it('answers an unknown command with a usage error (2) and a pointer to --help', async () => {
    const { code, stdout, stderr } = await run('analyse', 'x.png');
    expect(code).toBe(ExitCode.Usage);
    expect(stdout).toBe('');
    expect(stderr).toContain('error: Unknown arguments: analyse, x.png');
    expect(stderr).toContain('atelier --help');
  });

  it.each([
    [['analyze', 'a.png'], 'Missing required argument: analyzer'],
    [['analyze', 'a.png', '-a', 'makeup', '--priority', '11'], '--priority must be an integer from -10 to 10, not "11".'],
    [['analyze', 'a.png', '-a', 'makeup', '--priority', 'high'], '--priority must be an integer from -10 to 10, not "high".'],
    [['analyze', 'a.png', '-a', 'makeup', '--callback-url', 'ftp://x'], '--callback-url must be an http(s) URL, not "ftp://x".'],
    [['analyze', 'a.png', '-a', ','], '--analyzer needs at least one value.'],
    [['jobs', 'ls', '--limit', '0'], '--limit must be an integer from 1 to 200, not "0".'],
    [['jobs', 'ls', '--status', 'done'], '--status: unknown done; choose from queued, running, completed, failed, cancelled.'],
    [['jobs'], 'Choose a jobs command: ls, get, cancel, retry, watch.'],
    [['presets', 'export', 'p1', '--format', 'yaml'], 'Invalid values'],
    [['webhooks', 'add', 'https://example.com/hook'], 'Say which events with --events'],
  ])('refuses %j before any request: %s', async (args, message) => {
    const { code, stderr } = await run(...args);
    expect(stderr).toContain(message);
    expect(code).toBe(ExitCode.Usage);
  });

  it('checks local files before signing in or uploading', async () => {
    const { code, stderr } = await run('analyze', '/no/such/photo.jpg', '-a', 'makeup');
    expect(code).toBe(ExitCode.Usage);
    expect(stderr).toContain('/no/such/photo.jpg: no such file.');
  });

  it('says how to sign in when no key is configured (3)', async () => {
    const { code, stderr } = await run('jobs', 'ls');
    expect(code).toBe(ExitCode.Auth);
    expect(stderr).toContain('Not signed in.');
    expect(stderr).toContain('atelier login');
  });

  it('reports an unreachable server as exit 5, naming the URL', async () => {
    // Port 9 (discard) on loopback: nothing listens there on a test machine.
    const { code, stderr } = await runInProcess(['jobs', 'ls'], { home: home.dir, env: { ATELIER_URL: 'http://127.0.0.1:9', ATELIER_API_KEY: 'atelier_x' } });
    expect(code).toBe(ExitCode.Unreachable);
    expect(stderr).toContain('Cannot reach the server at http://127.0.0.1:9');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('prints a bash/zsh completion script', async () => {
    const { code, stdout } = await run('completion');
    expect(code).toBe(ExitCode.Ok);
    expect(stdout).toContain('###-begin-atelier-completions-###');
    expect(stdout).toContain('--get-yargs-completions');
  });

  it('completes command names', async () => {
    const { stdout } = await run('--get-yargs-completions', 'atelier', 'jo');
    expect(stdout.split('\n')).toContain('jobs');
  });
});
