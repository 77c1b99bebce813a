import { request, type IncomingMessage } from 'node:http';

export interface SseEvent {
  id?: string;
  event: string;
  data: unknown;
}

/**
 * A real HTTP Server-Sent Events client: parses the wire format (id/event/data lines, comments)
 * and lets a test await events instead of sleeping.
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  status = 0;
  headers: IncomingMessage['headers'] = {};
  private waiters: { predicate: () => boolean; resolve: () => void }[] = [];
  private closeReq?: () => void;

  static async connect(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const client = new SseClient();
    await client.open(url, headers);
    return client;
  }

  private open(url: string, headers: Record<string, string>): Promise<void> {
    return new Promise((resolve, reject) => {
      const req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
        this.status = res.statusCode ?? 0;
        this.headers = res.headers;
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let idx: number;
          while ((idx = buffer.indexOf('\n\n')) >= 0) {
            this.parse(buffer.slice(0, idx));
            buffer = buffer.slice(idx + 2);
          }
          this.notify();
        });
        res.on('error', () => undefined);
        resolve();
      });
      req.on('error', (err) => (this.closeReq ? undefined : reject(err)));
      req.end();
      this.closeReq = () => req.destroy();
    });
  }

  private parse(block: string): void {
    let id: string | undefined;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
      else if (line.startsWith('id:')) id = line.slice(3).trim();
      else if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).trim());
    }
    if (data.length) this.events.push({ id, event, data: JSON.parse(data.join('\n')) });
  }

  private notify(): void {
    this.waiters = this.waiters.filter((w) => {
      if (!w.predicate()) return true;
      w.resolve();
      return false;
    });
  }

  /** Resolves once `predicate` holds for the events received so far. */
  waitFor(predicate: (events: SseEvent[]) => boolean, ms = 10_000, what = 'events'): Promise<SseEvent[]> {
    return new Promise((resolve, reject) => {
      const check = () => predicate(this.events);
      if (check()) return resolve(this.events);
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.events.map((e) => e.event))}`)), ms);
      this.waiters.push({ predicate: check, resolve: () => (clearTimeout(timer), resolve(this.events)) });
    });
  }

  waitForComment(text: string, ms = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "${text}" comment within ${ms} ms`)), ms);
      this.waiters.push({ predicate: () => this.comments.includes(text), resolve: () => (clearTimeout(timer), resolve()) });
      this.notify();
    });
  }

  close(): void {
    this.closeReq?.();
  }
}
