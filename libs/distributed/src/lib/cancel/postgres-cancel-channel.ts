import pg from 'pg';
import { PgListener } from '../connections/pg-listener';
import type { CancelChannel } from './cancel-channel';

/** Cancel signals over PostgreSQL NOTIFY on `<prefix>_cancel` (QUEUE_BACKEND=postgres). */
export class PostgresCancelChannel implements CancelChannel {
  private readonly pool: pg.Pool;
  private listener?: PgListener;

  constructor(
    private readonly url: string,
    private readonly channel: string,
  ) {
    this.pool = new pg.Pool({ connectionString: url, max: 2 });
    this.pool.on('error', () => undefined);
  }

  async publish(jobId: string): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [this.channel, jobId]);
  }

  async subscribe(onCancel: (jobId: string) => void): Promise<void> {
    if (this.listener) return;
    this.listener = new PgListener(this.url, [this.channel], (_channel, payload) => onCancel(payload));
    await this.listener.start();
  }

  async close(): Promise<void> {
    await this.listener?.close();
    await this.pool.end().catch(() => undefined);
  }
}
