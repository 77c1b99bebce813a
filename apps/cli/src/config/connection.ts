/** Which server and key a command uses: ATELIER_URL and ATELIER_API_KEY override the stored login. */
import { CliError, UsageError } from '../cli-error';
import { ExitCode } from '../exit-codes';
import type { Runtime } from '../runtime';
import { configPath, readLogin } from './config-file';

export const DEFAULT_URL = 'http://localhost:3000';

export interface Connection {
  url: string;
  apiKey: string;
  /** Where the key came from, for `whoami`. */
  source: 'environment' | 'config file';
}

export async function resolveConnection(runtime: Runtime): Promise<Connection> {
  const stored = await readLogin(configPath(runtime.env, runtime.homeDir));
  const envUrl = runtime.env['ATELIER_URL'];
  const envKey = runtime.env['ATELIER_API_KEY'];
  const apiKey = envKey || stored?.api_key;
  if (!apiKey) {
    throw new CliError('Not signed in.', ExitCode.Auth, ['Run `atelier login`, or set ATELIER_URL and ATELIER_API_KEY.']);
  }
  return { url: normalizeUrl(envUrl || stored?.url || DEFAULT_URL), apiKey, source: envKey ? 'environment' : 'config file' };
}

/** An http(s) URL without a trailing slash; anything else is a usage error that shows what was given. */
export function normalizeUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new UsageError(`"${input}" is not a URL.`, ['Give the server as e.g. http://localhost:3000.']);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`"${input}" is not an http(s) URL.`);
  return url.href.replace(/\/+$/, '');
}
