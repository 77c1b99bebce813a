import type { Argv, CommandModule } from 'yargs';
import type { GlobalOptions } from '../command-context';

/** A command whose work is done by its subcommands (`jobs ls`, `presets get`…); alone it asks for one. */
export function commandGroup<T extends GlobalOptions[]>(
  command: string,
  describe: string,
  subcommands: { [K in keyof T]: CommandModule<GlobalOptions, T[K]> },
): CommandModule<GlobalOptions, GlobalOptions> {
  const names = subcommands.map((c) => String(c.command).split(' ')[0]);
  return {
    command,
    describe,
    builder: (y: Argv<GlobalOptions>) => {
      let parser = y;
      for (const subcommand of subcommands) parser = parser.command(subcommand) as Argv<GlobalOptions>;
      return parser.demandCommand(1, `Choose a ${command} command: ${names.join(', ')}.`);
    },
    handler: () => undefined,
  };
}
