import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { temporaryHome } from '../../test/cli-harness';
import { ExitCode } from '../exit-codes';
import { configPath, readLogin, removeLogin, writeLogin } from './config-file';
import { resolveConnection } from './connection';

describe('the login file', () => {
  let home: ReturnType<typeof temporaryHome>;
  beforeEach(() => {
    home = temporaryHome();
  });
  afterEach(() => home.cleanup());

  it('lives under XDG_CONFIG_HOME when set, else ~/.config', () => {
    expect(configPath({}, '/home/ada')).toBe('/home/ada/.config/atelier/config.json');
    expect(configPath({ XDG_CONFIG_HOME: '/xdg' }, '/home/ada')).toBe('/xdg/atelier/config.json');
  });

  it('is written readable by its owner only, and read back', async () => {
    const path = configPath({}, home.dir);
    await writeLogin(path, { url: 'http://localhost:3000', api_key: 'atelier_k1' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(path)).mode & 0o777).toBe(0o700);
    expect(await readLogin(path)).toEqual({ url: 'http://localhost:3000', api_key: 'atelier_k1' });
    // Written again over a file with looser permissions: 0600 again.
    writeFileSync(path, '{}', { mode: 0o644 });
    await writeLogin(path, { url: 'http://localhost:3000', api_key: 'atelier_k2' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path, 'utf8')).api_key).toBe('atelier_k2');
  });

  it('names a damaged file and how to mend it', async () => {
    const path = configPath({}, home.dir);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, 'not json');
    await expect(readLogin(path)).rejects.toMatchObject({ message: `${path} is not a login this CLI wrote.`, exitCode: ExitCode.Usage });
  });

  it('is removed by logout, once', async () => {
    const path = configPath({}, home.dir);
    await writeLogin(path, { url: 'http://localhost:3000', api_key: 'atelier_k1' });
    expect(await removeLogin(path)).toBe(true);
    expect(await removeLogin(path)).toBe(false);
  });

  it('gives way to ATELIER_URL and ATELIER_API_KEY', async () => {
    await writeLogin(configPath({}, home.dir), { url: 'http://saved:3000', api_key: 'atelier_saved' });
    const runtime = { homeDir: home.dir, signal: new AbortController().signal } as const;
    expect(await resolveConnection({ ...runtime, env: {} } as never)).toEqual({ url: 'http://saved:3000', apiKey: 'atelier_saved', source: 'config file' });
    expect(await resolveConnection({ ...runtime, env: { ATELIER_URL: 'http://env:4000/', ATELIER_API_KEY: 'atelier_env' } } as never)).toEqual({
      url: 'http://env:4000',
      apiKey: 'atelier_env',
      source: 'environment',
    });
  });

  it('refuses a URL that is not http(s)', async () => {
    const runtime = { homeDir: join(home.dir, 'none'), env: { ATELIER_URL: 'localhost:3000', ATELIER_API_KEY: 'k' } };
    await expect(resolveConnection(runtime as never)).rejects.toMatchObject({ exitCode: ExitCode.Usage });
  });
});
