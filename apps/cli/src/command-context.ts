import { Api } from './api/api';
import { resolveConnection, type Connection } from './config/connection';
import { Output } from './output/output';
import type { Runtime } from './runtime';

/** Options every command takes. */
export interface GlobalOptions {
  json?: boolean;
}

/** What a command handler works with: its output, and the API once it asks for it (commands like `logout` never do). */
export class CommandContext {
  readonly output: Output;

  constructor(
    readonly runtime: Runtime,
    options: GlobalOptions,
  ) {
    this.output = new Output(runtime, !!options.json);
  }

  get signal(): AbortSignal {
    return this.runtime.signal;
  }

  async connection(): Promise<Connection> {
    return resolveConnection(this.runtime);
  }

  async api(): Promise<Api> {
    return new Api(await this.connection(), this.runtime.signal);
  }
}
