/** presets ls|get|export: the presets analyses made. */
import type { Preset } from '@atelier/client';
import { writeFile } from 'node:fs/promises';
import type { Argv, CommandModule } from 'yargs';
import type { Api } from '../api/api';
import { UsageError } from '../cli-error';
import { CommandContext, type GlobalOptions } from '../command-context';
import { integerIn } from '../options';
import { formatFields, formatTable } from '../output/table';
import type { Runtime } from '../runtime';
import { commandGroup } from './command-group';

interface ListOptions extends GlobalOptions {
  category?: string;
  limit?: number;
  cursor?: string;
}

interface PresetIdOptions extends GlobalOptions {
  id: string;
}

interface ExportOptions extends PresetIdOptions {
  format: 'json';
  output?: string;
}

export function presetsCommand(runtime: Runtime): CommandModule<GlobalOptions, GlobalOptions> {
  return commandGroup('presets', 'List, show and export presets', [listPresets(runtime), getPreset(runtime), exportPreset(runtime)]);
}

function listPresets(runtime: Runtime): CommandModule<GlobalOptions, ListOptions> {
  return {
    command: 'ls',
    aliases: ['list'],
    describe: 'Presets, newest first',
    builder: (y: Argv<GlobalOptions>) =>
      y
        .option('category', { alias: 'c', type: 'string', describe: 'Only this category (an analyzer name, e.g. hair-color)' })
        .option('limit', { alias: 'n', type: 'string', describe: 'At most this many (1–200)', coerce: integerIn('limit', 1, 200) })
        .option('cursor', { type: 'string', describe: 'Next page: the cursor the previous page printed' }) as unknown as Argv<ListOptions>,
    handler: async (args) => {
      const context = new CommandContext(runtime, args);
      const api = await context.api();
      const query = { category: args.category, limit: args.limit, cursor: args.cursor };
      const page = await api.call('GET /api/presets', api.client.GET('/api/presets', { params: { query }, signal: api.signal }));
      context.output.result(page, () => {
        if (!page.presets.length) return 'No presets.';
        const table = formatTable(['PRESET', 'CATEGORY', 'PROVIDER', 'CREATED', 'NAME'], page.presets.map((p) => [p.preset_id, p.category, p.provider, p.created_at, p.name]));
        return `${table}${page.next_cursor ? `\n\nMore: the same command with --cursor ${page.next_cursor}` : ''}`;
      });
    },
  };
}

function getPreset(runtime: Runtime): CommandModule<GlobalOptions, PresetIdOptions> {
  return {
    command: 'get <id>',
    describe: 'One preset with its data',
    builder: (y: Argv<GlobalOptions>) => y.positional('id', { type: 'string', demandOption: true }) as unknown as Argv<PresetIdOptions>,
    handler: async (args) => {
      const context = new CommandContext(runtime, args);
      const preset = await readPreset(await context.api(), args.id);
      context.output.result(preset, () =>
        [
          formatFields([
            ['Preset', preset.preset_id],
            ['Name', preset.name],
            ['Category', preset.category],
            ['Provider', `${preset.provider} (${preset.model})`],
            ['Job', preset.job_id ?? '-'],
            ['Created', preset.created_at],
          ]),
          '',
          JSON.stringify(preset.data, null, 2),
        ].join('\n'),
      );
    },
  };
}

function exportPreset(runtime: Runtime): CommandModule<GlobalOptions, ExportOptions> {
  return {
    command: 'export <id>',
    describe: 'A preset as a file to keep or share (to stdout, or -o file)',
    builder: (y: Argv<GlobalOptions>) =>
      y
        .positional('id', { type: 'string', demandOption: true })
        .option('format', { type: 'string', choices: ['json'], default: 'json', describe: 'File format' })
        .option('output', { alias: 'o', type: 'string', describe: 'Write to this file instead of stdout' })
        .example('$0 presets export 0193… -o warm-chestnut.json', '') as unknown as Argv<ExportOptions>,
    handler: async (args) => {
      const context = new CommandContext(runtime, args);
      const preset = await readPreset(await context.api(), args.id);
      const text = `${JSON.stringify(preset, null, 2)}\n`;
      if (!args.output || args.output === '-') {
        runtime.stdout.write(text);
        return;
      }
      try {
        await writeFile(args.output, text);
      } catch (err) {
        throw new UsageError(`Cannot write ${args.output}: ${(err as Error).message}`);
      }
      context.output.result({ preset_id: preset.preset_id, file: args.output }, () => `Wrote ${preset.name} to ${args.output}.`);
    },
  };
}

function readPreset(api: Api, id: string): Promise<Preset> {
  return api.call(`GET /api/presets/${id}`, api.client.GET('/api/presets/{preset_id}', { params: { path: { preset_id: id } }, signal: api.signal }));
}
