/** login, logout, whoami: the API key the other commands use, kept in the config file. */
import type { Argv, CommandModule } from 'yargs';
import { Api } from '../api/api';
import { CliError } from '../cli-error';
import { CommandContext, type GlobalOptions } from '../command-context';
import { configPath, removeLogin, writeLogin } from '../config/config-file';
import { DEFAULT_URL, normalizeUrl } from '../config/connection';
import { ExitCode } from '../exit-codes';
import { formatFields } from '../output/table';
import { ask } from '../prompt';
import type { Runtime } from '../runtime';

interface LoginOptions extends GlobalOptions {
  url?: string;
  'api-key'?: string;
}

export function loginCommand(runtime: Runtime): CommandModule<GlobalOptions, LoginOptions> {
  return {
    command: 'login',
    describe: 'Check an API key against the server and keep it for the next commands',
    builder: (y: Argv<GlobalOptions>) =>
      y
        .option('url', { type: 'string', describe: `Server URL (asked when missing; default ${DEFAULT_URL})` })
        .option('api-key', { type: 'string', describe: 'API key from Settings → API keys (asked when missing; also read from stdin)' })
        .example('$0 login --url https://atelier.example.com', 'asks for the key without echoing it'),
    handler: async (args) => {
      const context = new CommandContext(runtime, args);
      const url = normalizeUrl(args.url ?? (await askUrl(runtime)));
      const apiKey = args['api-key'] ?? (await ask(runtime, 'API key: ', { secret: true }));
      if (!apiKey) throw new CliError('No API key given.', ExitCode.Usage, ['Create one in the console (Settings → API keys) and pass it with --api-key or on stdin.']);
      const api = new Api({ url, apiKey }, runtime.signal);
      const user = await api.call('GET /api/auth/me', api.client.GET('/api/auth/me')).catch((err: unknown) => {
        if (!(err instanceof CliError)) throw err;
        if (err.exitCode === ExitCode.Auth) throw new CliError(`${url} refused this API key: ${err.message}`, ExitCode.Auth, ['Check the key (Settings → API keys in the console); nothing was saved.']);
        if (err.exitCode === ExitCode.NotFound) throw new CliError(`${url} has no Atelier API (GET /api/auth/me answered 404).`, ExitCode.NotFound, ['Check the URL; nothing was saved.']);
        throw err;
      });
      const path = configPath(runtime.env, runtime.homeDir);
      await writeLogin(path, { url, api_key: apiKey });
      context.output.result({ url, user, config_file: path }, () => `Signed in to ${url} as ${user.email} (${user.role}). Saved in ${path}.`);
      if (runtime.env['ATELIER_API_KEY']) context.output.notice('Note: ATELIER_API_KEY is set and overrides the saved key.');
    },
  };
}

/** The server to sign in to when --url is missing: asked at a terminal; else ATELIER_URL or the default (stdin holds the key). */
async function askUrl(runtime: Runtime): Promise<string> {
  const fallback = runtime.env['ATELIER_URL'] || DEFAULT_URL;
  if (!runtime.stdin.isTTY) return fallback;
  return (await ask(runtime, `Server URL [${fallback}]: `)) || fallback;
}

export function logoutCommand(runtime: Runtime): CommandModule<GlobalOptions, GlobalOptions> {
  return {
    command: 'logout',
    describe: 'Forget the saved key (the key itself stays valid until revoked in the console)',
    handler: async (args) => {
      const context = new CommandContext(runtime, args);
      const path = configPath(runtime.env, runtime.homeDir);
      const removed = await removeLogin(path);
      context.output.result({ removed, config_file: path }, () => (removed ? `Removed ${path}.` : 'Not signed in: nothing to remove.'));
    },
  };
}

export function whoamiCommand(runtime: Runtime): CommandModule<GlobalOptions, GlobalOptions> {
  return {
    command: 'whoami',
    describe: 'Show the server and the user behind the key',
    handler: async (args) => {
      const context = new CommandContext(runtime, args);
      const connection = await context.connection();
      const api = new Api(connection, runtime.signal);
      const user = await api.call('GET /api/auth/me', api.client.GET('/api/auth/me'));
      context.output.result({ url: connection.url, key_from: connection.source, user }, () =>
        formatFields([
          ['Server', connection.url],
          ['User', `${user.email}${user.name ? ` (${user.name})` : ''}`],
          ['Role', user.role],
          ['Key from', connection.source === 'environment' ? 'ATELIER_API_KEY' : configPath(runtime.env, runtime.homeDir)],
        ]),
      );
    },
  };
}
