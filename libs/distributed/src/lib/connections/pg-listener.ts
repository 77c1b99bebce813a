import { Logger } from '@nestjs/common';
import pg from 'pg';
import { isRefusedConnection } from '@atelier/persistence';
import { pgListenUrlOf } from './pg-names';

/**
 * One dedicated PostgreSQL connection (named after the URL's application_name + `:listen`) that
 * LISTENs on a few channels and comes back by itself after the server drops it. `onReconnect` runs
 * after every re-LISTEN, so a reader can catch up on whatever it missed while it was away.
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

  /** Connects, waiting out a server that refuses connections for now (full, starting up). */
  async start(): Promise<void> {
    for (let delay = 100; ; delay = Math.min(delay * 2, 2000)) {
      try {
        return await this.connect();
      } catch (err) {
        if (!isRefusedConnection(err) || this.closed) throw err;
        this.logger.warn(`LISTEN connection refused (${(err as Error).message}); retrying`);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: pgListenUrlOf(this.url) });
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
