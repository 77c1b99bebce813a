import pg from 'pg';
import { PgListener } from '../connections/pg-listener';
import { pgUrlNamed } from '../connections/pg-names';
import type { CancelChannel } from './cancel-channel';

/**
 * Cancel signals over PostgreSQL NOTIFY on `<prefix>_cancel` (QUEUE_BACKEND=postgres). NOTIFYs go
 * through `publisher` (the process's control pool) when given, else through a pool of one.
 */
export class PostgresCancelChannel implements CancelChannel {
  private readonly pool: pg.Pool;
  private readonly ownsPool: boolean;
  private listener?: PgListener;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    publisher?: pg.Pool,
  ) {
    this.ownsPool = !publisher;
    this.pool = publisher ?? new pg.Pool({ connectionString: pgUrlNamed(url, 'atelier:control'), max: 1 });
    if (this.ownsPool) this.pool.on('error', () => undefined);
  }

  async publish(jobId: string): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [this.channel, jobId]);
  }

  async subscribe(onCancel: (jobId: string) => void): Promise<void> {
    if (this.listener) return;
    this.listener = new PgListener(pgUrlNamed(this.url, 'atelier:cancel'), [this.channel], (_channel, payload) => onCancel(payload));
    await this.listener.start();
  }

  async close(): Promise<void> {
    await this.listener?.close();
    if (this.ownsPool) await this.pool.end().catch(() => undefined);
  }
}
