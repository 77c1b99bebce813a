/** webhooks ls|add|rm: subscriptions that POST signed job events to a URL (docs/api.md, "Webhooks"). */
import type { Argv, CommandModule } from 'yargs';
import type { components } from '@atelier/client';
import { CommandContext, type GlobalOptions } from '../command-context';
import { commaList, httpUrl } from '../options';
import { formatFields, formatTable } from '../output/table';
import type { Runtime } from '../runtime';
import { commandGroup } from './command-group';

type Webhook = components['schemas']['WebhookDto'];
type CreateWebhookBody = components['schemas']['CreateWebhookBody'];

interface AddOptions extends GlobalOptions {
  url: string;
  events: string[];
  description?: string;
}

interface RemoveOptions extends GlobalOptions {
  id: string;
}

export function webhooksCommand(runtime: Runtime): CommandModule<GlobalOptions, GlobalOptions> {
  return commandGroup('webhooks', 'List, add and remove webhooks', [listWebhooks(runtime), addWebhook(runtime), removeWebhook(runtime)]);
}

function listWebhooks(runtime: Runtime): CommandModule<GlobalOptions, GlobalOptions> {
  return {
    command: 'ls',
    aliases: ['list'],
    describe: 'Your webhooks',
    handler: async (args) => {
      const context = new CommandContext(runtime, args);
      const api = await context.api();
      const list = await api.call('GET /api/webhooks', api.client.GET('/api/webhooks', { signal: api.signal }));
      context.output.result(list, () =>
        list.webhooks.length
          ? formatTable(['WEBHOOK', 'URL', 'EVENTS', 'DESCRIPTION'], list.webhooks.map((w: Webhook) => [w.webhook_id, w.url, w.events.join(','), w.description ?? '']))
          : 'No webhooks.',
      );
    },
  };
}

function addWebhook(runtime: Runtime): CommandModule<GlobalOptions, AddOptions> {
  return {
    command: 'add <url>',
    describe: 'Subscribe a URL to job events; prints its signing secret once',
    builder: (y: Argv<GlobalOptions>) =>
      y
        .positional('url', { type: 'string', demandOption: true, coerce: httpUrl('url') })
        .option('events', { alias: 'e', type: 'string', demandOption: 'Say which events with --events, e.g. --events job.completed,job.failed.', describe: 'Comma list: job.completed, job.failed, job.cancelled…', coerce: commaList('events') })
        .option('description', { alias: 'd', type: 'string', describe: 'What it is for' })
        .example('$0 webhooks add https://example.com/hooks/atelier --events job.completed,job.failed', '') as unknown as Argv<AddOptions>,
    handler: async (args) => {
      const context = new CommandContext(runtime, args);
      const api = await context.api();
      // The server checks the event names and answers a 400 that lists the allowed ones: the CLI passes them on as typed.
      const events = args.events as CreateWebhookBody['events'];
      const body: CreateWebhookBody = { url: args.url, events, ...(args.description ? { description: args.description } : {}) };
      const created = await api.call('POST /api/webhooks', api.client.POST('/api/webhooks', { body, signal: api.signal }));
      context.output.result(created, () =>
        formatFields([
          ['Webhook', created.webhook_id],
          ['URL', created.url],
          ['Events', created.events.join(', ')],
          ['Secret', created.secret],
        ]),
      );
      context.output.notice(context.output.errStyle.paint('yellow', 'The secret is shown only this once: store it now to verify signatures (webhook-signature).'));
    },
  };
}

function removeWebhook(runtime: Runtime): CommandModule<GlobalOptions, RemoveOptions> {
  return {
    command: 'rm <id>',
    aliases: ['remove'],
    describe: 'Delete a webhook (no more deliveries)',
    builder: (y: Argv<GlobalOptions>) => y.positional('id', { type: 'string', demandOption: true }) as unknown as Argv<RemoveOptions>,
    handler: async (args) => {
      const context = new CommandContext(runtime, args);
      const api = await context.api();
      await api.call(`DELETE /api/webhooks/${args.id}`, api.client.DELETE('/api/webhooks/{webhook_id}', { params: { path: { webhook_id: args.id } }, signal: api.signal }));
      context.output.result({ webhook_id: args.id, deleted: true }, () => `Deleted webhook ${args.id}.`);
    },
  };
}
