import { Logger } from '@nestjs/common';
import pg from 'pg';
import { Subject, type Observable } from 'rxjs';
import { jobIdOf, type JobEvent } from '@atelier/contracts';
import { JobEventBus, type NewJobEvent } from '@atelier/jobs';
import { PgListener } from '../connections/pg-listener';

const PAGE = 1000;
const TRIM_EVERY = 100;

/**
 * Job events across processes on PostgreSQL alone (QUEUE_BACKEND=postgres): each event is a row
 * of `job_events` (its bigserial id is the cursor; the table comes from the migrations) followed
 * by a NOTIFY; every node LISTENs and reads the new rows in id order into its local Subject.
 * Publishers take a transaction-scoped advisory lock, so ids commit in the order they were drawn
 * and a reader never skips one.
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
    poolSize = 4,
  ) {
    super();
    if (!/^[a-z_][a-z0-9_]*$/i.test(schema)) throw new Error(`schema must be a plain identifier, got "${schema}"`);
    this.table = `"${schema}".job_events`;
    this.lockKey = `${schema}.job_events`;
    this.pool = new pg.Pool({ connectionString: url, max: poolSize });
    this.pool.on('error', () => undefined);
  }

  async start(): Promise<void> {
    const { rows } = await this.pool.query<{ max: string | null }>(`SELECT max(id)::text AS max FROM ${this.table}`).catch((err: Error & { code?: string }) => {
      // undefined_table, invalid_schema_name
      if (err.code !== '42P01' && err.code !== '3F000') throw err;
      throw new Error(`${this.table} does not exist: the database migrations create it, and must run before the event bus starts`, { cause: err });
    });
    this.lastId = BigInt(rows[0].max ?? '0');
    this.listener = new PgListener(this.url, [this.channel], () => this.catchUp(), () => this.catchUp());
    await this.listener.start();
    this.catchUp();
  }

  async publish(event: NewJobEvent): Promise<void> {
    const id = await this.underLock(async (client) => {
      const { rows } = await client.query<{ event_id: string }>(`INSERT INTO ${this.table} (job_id, body) VALUES ($1, $2) RETURNING id::text AS event_id`, [
        jobIdOf(event) ?? '',
        JSON.stringify(event),
      ]);
      await client.query('SELECT pg_notify($1, $2)', [this.channel, rows[0].event_id]);
      return BigInt(rows[0].event_id);
    });
    if (id % BigInt(TRIM_EVERY) === 0n) {
      await this.pool.query(`DELETE FROM ${this.table} WHERE id <= $1`, [String(id - BigInt(this.maxLen))]).catch(() => undefined);
    }
  }

  /** Checks the cursor and reads every page in one snapshot, so a trim that commits meanwhile cannot take rows from between them. */
  async since(cursor: string): Promise<JobEvent[] | undefined> {
    if (!/^\d+$/.test(cursor)) return undefined;
    const after = BigInt(cursor);
    return this.transaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', async (client) => {
      const { rows } = await client.query<{ min: string | null; max: string | null }>(`SELECT min(id)::text AS min, max(id)::text AS max FROM ${this.table}`);
      // An empty log (trimming always leaves rows) has only the cursor of its start.
      if (rows[0].min === null || rows[0].max === null) return after === 0n ? [] : undefined;
      // Everything after the cursor must still be retained (trimming deletes the lowest ids), and the cursor must exist.
      if (after < BigInt(rows[0].min) - 1n || after > BigInt(rows[0].max)) return undefined;
      const out: JobEvent[] = [];
      for (let from = after; ; ) {
        const page = await this.page(client, from);
        out.push(...page);
        if (page.length < PAGE) return out;
        from = BigInt(page[page.length - 1].id);
      }
    });
  }

  currentCursor(): string {
    return this.lastId.toString();
  }

  async latestOf(jobId: string): Promise<JobEvent | undefined> {
    const { rows } = await this.pool.query<EventRow>(`SELECT id::text AS event_id, body FROM ${this.table} WHERE job_id = $1 ORDER BY id DESC LIMIT 1`, [jobId]);
    return rows.length ? toEvent(rows[0]) : undefined;
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
  private underLock<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.transaction('BEGIN', async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [this.lockKey]);
      return work(client);
    });
  }

  private async transaction<T>(begin: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query(begin);
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

  /** The next rows after `after`. The text form of the id has its own name: `ORDER BY id` must sort the bigint, not text. */
  private async page(db: pg.Pool | pg.PoolClient, after: bigint): Promise<JobEvent[]> {
    const { rows } = await db.query<EventRow>(`SELECT id::text AS event_id, body FROM ${this.table} WHERE id > $1 ORDER BY id LIMIT ${PAGE}`, [after.toString()]);
    return rows.map(toEvent);
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
          const page = await this.page(this.pool, this.lastId);
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

interface EventRow {
  event_id: string;
  body: string;
}

function toEvent(row: EventRow): JobEvent {
  return Object.assign(JSON.parse(row.body) as NewJobEvent, { id: row.event_id }) as JobEvent;
}
