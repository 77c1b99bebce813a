import type { Runtime } from '../runtime';
import { Style } from './style';

/**
 * Where commands write. With --json, stdout carries machine-readable output only (one JSON document, or
 * NDJSON while following); people's text, warnings and progress go to stderr.
 */
export class Output {
  readonly style: Style;
  readonly errStyle: Style;

  constructor(
    private readonly runtime: Runtime,
    readonly json: boolean,
  ) {
    this.style = Style.for(runtime.stdout, runtime.env);
    this.errStyle = Style.for(runtime.stderr, runtime.env);
  }

  /** Text for people on stdout (nothing with --json). */
  line(text = ''): void {
    if (!this.json) this.runtime.stdout.write(`${text}\n`);
  }

  /** The one JSON document of a command. */
  document(value: unknown): void {
    this.runtime.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** One line of NDJSON (an event while following). */
  record(value: unknown): void {
    this.runtime.stdout.write(`${JSON.stringify(value)}\n`);
  }

  /** A notice for people on stderr, shown even with --json (e.g. "this secret is shown once"). */
  notice(text: string): void {
    this.runtime.stderr.write(`${text}\n`);
  }

  /** Either the JSON document or the human rendering of the same result. */
  result(value: unknown, human: () => string): void {
    if (this.json) this.document(value);
    else this.line(human());
  }
}
