/** The login the CLI keeps between runs: `$XDG_CONFIG_HOME/atelier/config.json` (else ~/.config/…), mode 0600. */
import { chmod, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CliError } from '../cli-error';
import { ExitCode } from '../exit-codes';

export interface StoredLogin {
  url: string;
  api_key: string;
}

export function configPath(env: Readonly<Record<string, string | undefined>>, homeDir: string): string {
  const base = env['XDG_CONFIG_HOME'] || join(homeDir, '.config');
  return join(base, 'atelier', 'config.json');
}

/** The stored login, or undefined when there is none; a damaged file is an error that names it. */
export async function readLogin(path: string): Promise<StoredLogin | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CliError(`Cannot read ${path}: ${(err as Error).message}`, ExitCode.Usage);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (!isStoredLogin(value)) throw new CliError(`${path} is not a login this CLI wrote.`, ExitCode.Usage, ['Run `atelier login` again, or `atelier logout` to remove it.']);
  return value;
}

/** Writes the login readable by its owner only: a temporary file made 0600, then renamed over the old one. */
export async function writeLogin(path: string, login: StoredLogin): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(login, null, 2)}\n`, { mode: 0o600 });
    // The mode of writeFile is filtered by the umask; set it outright.
    await chmod(temporary, 0o600);
    await rename(temporary, path);
  } catch (err) {
    await unlink(temporary).catch(() => undefined);
    throw new CliError(`Cannot write ${path}: ${(err as Error).message}`, ExitCode.Usage);
  }
}

/** Removes the stored login; answers whether there was one. */
export async function removeLogin(path: string): Promise<boolean> {
  try {
    await unlink(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new CliError(`Cannot remove ${path}: ${(err as Error).message}`, ExitCode.Usage);
  }
}

function isStoredLogin(value: unknown): value is StoredLogin {
  return !!value && typeof value === 'object' && typeof (value as StoredLogin).url === 'string' && typeof (value as StoredLogin).api_key === 'string';
}
