import { stripVTControlCharacters, styleText } from 'node:util';
import type { OutputStream } from '../runtime';

type Colour = 'green' | 'red' | 'yellow' | 'cyan' | 'gray' | 'bold';

/** Colours only for a person at a terminal: never in a pipe or a file, and never with NO_COLOR set (no-color.org). */
export class Style {
  constructor(readonly enabled: boolean) {}

  static for(stream: OutputStream, env: Readonly<Record<string, string | undefined>>): Style {
    return new Style(!!stream.isTTY && !env['NO_COLOR'] && env['TERM'] !== 'dumb');
  }

  paint(colour: Colour, text: string): string {
    // The stream was judged above; styleText would judge process.stdout instead.
    return this.enabled ? styleText(colour, text, { validateStream: false }) : text;
  }

  /** A job status in the colour people expect: green done, red failed, yellow cancelled, cyan running. */
  status(status: string): string {
    const colour: Colour = status === 'completed' ? 'green' : status === 'failed' ? 'red' : status === 'cancelled' ? 'yellow' : status === 'running' ? 'cyan' : 'gray';
    return this.paint(colour, status);
  }
}

/** The width a string takes on a terminal (escape sequences take none). */
export function visibleLength(text: string): number {
  return stripVTControlCharacters(text).length;
}
