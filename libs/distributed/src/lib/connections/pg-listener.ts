import { Logger } from '@nestjs/common';
import pg from 'pg';

/**
 * One dedicated PostgreSQL connection that LISTENs on a few channels and comes back by itself
 * after the server drops it. `onReconnect` runs after every re-LISTEN, so a reader can catch up
 * on whatever it missed while it was away.
 */
export class PgListener {
  private readonly logger = new Logger('PgListener');
  private client?: pg.Client;
  private closed = false;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly url: string,
    private readonly channels: string[],
    private readonly onNotify: (channel: string, payload: string) => void,
    private readonly onReconnect: () => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    await this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (m) => m.payload !== undefined && this.onNotify(m.channel, m.payload));
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client));
    await client.connect();
    for (const channel of this.channels) await client.query(`LISTEN "${channel}"`);
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
  }

  private lost(client: pg.Client, err?: Error): void {
    if (this.closed || this.client !== client) return;
    this.client = undefined;
    this.logger.warn(`LISTEN connection lost${err ? `: ${err.message}` : ''}; reconnecting`);
    const attempt = (delay: number) => {
      this.retry = setTimeout(() => {
        this.connect().then(
          () => this.onReconnect(),
          () => attempt(Math.min(delay * 2, 2000)),
        );
      }, delay);
      this.retry.unref();
    };
    attempt(100);
  }
}
