import { Logger } from '@nestjs/common';
import pg from 'pg';
import { Subject, type Observable } from 'rxjs';
import type { JobEvent } from '@atelier/contracts';
import { JobEventBus, jobIdMarker, type NewJobEvent } from '@atelier/jobs';
import { PgListener } from '../connections/pg-listener';

const PAGE = 1000;
const TRIM_EVERY = 100;

/**
 * Job events across processes on PostgreSQL alone (QUEUE_BACKEND=postgres): each event is a row
 * of `job_events` (its bigserial id is the cursor) followed by a NOTIFY; every node LISTENs and
 * reads the new rows in id order into its local Subject. Publishers take a transaction-scoped
 * advisory lock, so ids commit in the order they were drawn and a reader never skips one.
 */
export class PostgresEventBus extends JobEventBus {
  private readonly logger = new Logger('PostgresEventBus');
  private readonly subject = new Subject<JobEvent>();
  readonly events$: Observable<JobEvent> = this.subject.asObservable();
  private readonly pool: pg.Pool;
  private readonly table: string;
  private readonly lockKey: string;
  private listener?: PgListener;
  private lastId = 0n;
  private reading?: Promise<void>;
  private readAgain = false;
  private closed = false;

  constructor(
    private readonly url: string,
    schema: string,
    private readonly channel: string,
    private readonly maxLen: number,
  ) {
    super();
    if (!/^[a-z_][a-z0-9_]*$/i.test(schema)) throw new Error(`schema must be a plain identifier, got "${schema}"`);
    this.table = `"${schema}".job_events`;
    this.lockKey = `${schema}.job_events`;
    this.pool = new pg.Pool({ connectionString: url, max: 4 });
    this.pool.on('error', () => undefined);
  }

  async start(): Promise<void> {
    await this.underLock((client) =>
      client.query(`CREATE TABLE IF NOT EXISTS ${this.table} (id bigserial PRIMARY KEY, body text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`),
    );
    const { rows } = await this.pool.query<{ max: string | null }>(`SELECT max(id)::text AS max FROM ${this.table}`);
    this.lastId = BigInt(rows[0].max ?? '0');
    this.listener = new PgListener(this.url, [this.channel], () => this.catchUp(), () => this.catchUp());
    await this.listener.start();
    this.catchUp();
  }

  async publish(event: NewJobEvent): Promise<void> {
    const id = await this.underLock(async (client) => {
      const { rows } = await client.query<{ id: string }>(`INSERT INTO ${this.table} (body) VALUES ($1) RETURNING id::text AS id`, [JSON.stringify(event)]);
      await client.query('SELECT pg_notify($1, $2)', [this.channel, rows[0].id]);
      return BigInt(rows[0].id);
    });
    if (id % BigInt(TRIM_EVERY) === 0n) {
      await this.pool.query(`DELETE FROM ${this.table} WHERE id <= $1`, [String(id - BigInt(this.maxLen))]).catch(() => undefined);
    }
  }

  async since(cursor: string): Promise<JobEvent[] | undefined> {
    if (!/^\d+$/.test(cursor)) return undefined;
    const after = BigInt(cursor);
    const { rows } = await this.pool.query<{ min: string | null; max: string | null }>(`SELECT min(id)::text AS min, max(id)::text AS max FROM ${this.table}`);
    if (rows[0].min === null || rows[0].max === null) return undefined;
    // Everything after the cursor must still be retained (trimming deletes the lowest ids), and the cursor must exist.
    if (after < BigInt(rows[0].min) - 1n || after > BigInt(rows[0].max)) return undefined;
    const out: JobEvent[] = [];
    for (let from = after; ; ) {
      const page = await this.page(from);
      out.push(...page);
      if (page.length < PAGE) return out;
      from = BigInt(page[page.length - 1].id);
    }
  }

  currentCursor(): string {
    return this.lastId.toString();
  }

  /** A scan of the retained rows (at most about `maxLen`), newest first; only rows that mention the job are parsed. */
  async latestOf(jobId: string): Promise<JobEvent | undefined> {
    const pattern = `%${jobIdMarker(jobId).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const { rows } = await this.pool.query<{ id: string; body: string }>(
      `SELECT id::text AS id, body FROM ${this.table} WHERE body LIKE $1 ORDER BY id DESC LIMIT ${PAGE}`,
      [pattern],
    );
    for (const r of rows) {
      const event = { ...(JSON.parse(r.body) as NewJobEvent), id: r.id } as JobEvent;
      if (event.data.job_id === jobId) return event;
    }
    return undefined;
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.listener?.close();
    await this.reading?.catch(() => undefined);
    await this.pool.end().catch(() => undefined);
    this.subject.complete();
  }

  /** Runs `work` in a transaction holding this bus's advisory lock, so event ids commit in order. */
  private async underLock<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [this.lockKey]);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  private async page(after: bigint): Promise<JobEvent[]> {
    const { rows } = await this.pool.query<{ id: string; body: string }>(
      `SELECT id::text AS id, body FROM ${this.table} WHERE id > $1 ORDER BY id LIMIT ${PAGE}`,
      [after.toString()],
    );
    return rows.map((r) => ({ ...(JSON.parse(r.body) as NewJobEvent), id: r.id }) as JobEvent);
  }

  /** Reads every row after the last one seen; coalesces notifications that arrive meanwhile. */
  private catchUp(): void {
    if (this.closed) return;
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = (async () => {
      do {
        this.readAgain = false;
        for (;;) {
          const page = await this.page(this.lastId);
          for (const event of page) {
            this.lastId = BigInt(event.id);
            this.subject.next(event);
          }
          if (page.length < PAGE) break;
        }
      } while (this.readAgain && !this.closed);
    })()
      .catch((err: Error) => {
        if (!this.closed) this.logger.warn(`Reading job events failed: ${err.message}`);
      })
      .finally(() => {
        this.reading = undefined;
        if (this.readAgain && !this.closed) this.catchUp();
      });
  }
}
