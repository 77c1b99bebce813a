/** Questions `login` asks when a value was not given: on stderr, the key without echo. */
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { UsageError } from './cli-error';
import type { Runtime } from './runtime';

/** One line of input: asked at a terminal; else the first line of stdin (e.g. `printf %s "$KEY" | atelier login`). */
export async function ask(runtime: Runtime, question: string, options: { secret?: boolean } = {}): Promise<string> {
  if (!runtime.stdin.isTTY) return (await firstLine(runtime.stdin)).trim();
  // A secret is typed into a readline that writes nowhere, so it never shows on the screen.
  const output = options.secret ? new Writable({ write: (_chunk, _encoding, done) => done() }) : runtime.stderr;
  const rl = createInterface({ input: runtime.stdin, output, terminal: true });
  try {
    if (options.secret) runtime.stderr.write(question);
    const line = await rl.question(options.secret ? '' : question, { signal: runtime.signal });
    if (options.secret) runtime.stderr.write('\n');
    return line.trim();
  } catch (err) {
    if (runtime.signal.aborted) throw new UsageError('Cancelled.');
    throw err;
  } finally {
    rl.close();
  }
}

async function firstLine(input: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += chunk.toString();
    const end = text.search(/\r?\n/);
    if (end !== -1) return text.slice(0, end);
  }
  return text;
}
