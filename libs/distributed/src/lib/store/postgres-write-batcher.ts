import { Logger } from '@nestjs/common';
import { CompiledQuery, type Kysely } from 'kysely';
import { PREPARED_STATEMENT, type AtelierTables } from '@atelier/persistence';
import {
  JOB_COLUMNS,
  byKeyOnly,
  guardValues,
  transitionConditions,
  transitionShape,
  type GuardValueName,
  type JobRow,
  type JobSql,
  type JobWriteBatcher,
  type TransitionGuard,
} from '@atelier/jobs';

/** PostgreSQL types of the columns that are not text (the arrays of a batch need them spelled out). */
const COLUMN_TYPES: Partial<Record<keyof JobRow, string>> = {
  progress: 'double precision',
  current_step: 'integer',
  total_steps: 'integer',
  priority: 'integer',
  attempts: 'integer',
  max_attempts: 'integer',
};
const MAX_ROWS = 200;

/** The batch insert: the rows of one array per column. */
const INSERT_ROWS =
  `INSERT INTO "jobs" (${JOB_COLUMNS.map((c) => `"${c}"`).join(', ')}) ` +
  `SELECT * FROM unnest(${JOB_COLUMNS.map((c, i) => `$${i + 1}::${COLUMN_TYPES[c] ?? 'text'}[]`).join(', ')})${PREPARED_STATEMENT}`;

interface Pending<T> {
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

interface PendingTransition extends Pending<JobRow | undefined> {
  id: string;
  from: readonly string[];
  set: Partial<JobRow>;
  addAttempt: boolean;
  guard: TransitionGuard;
}

/**
 * Per-turn batching of the job engine's hot writes on PostgreSQL. Every statement is a round trip
 * that wakes a backend; with many jobs in flight those wake-ups, not the SQL, were the cost
 * (`npm run bench`, P3). Inserts issued in one event-loop turn become one INSERT of the rows of
 * `unnest` (one array per column); transitions of the same shape become one
 * `UPDATE … FROM unnest(…) RETURNING`, still conditional row by row; the dependents of many ended
 * jobs are one query. A statement's text depends on its shape only, never on how many rows it
 * carries, so each is prepared once per connection (PREPARED_STATEMENT). Each caller resolves after
 * the statement that carried its row committed, with its own row. If a batch fails, its rows are
 * retried one statement each, so only the row at fault reports an error.
 */
export class PostgresWriteBatcher implements JobWriteBatcher {
  private readonly logger = new Logger('PostgresWriteBatcher');
  private inserts: { row: JobRow; waiter: Pending<void> }[] = [];
  private transitions = new Map<string, PendingTransition[]>();
  private dependents = new Map<string, Pending<string[]>[]>();
  private scheduled = false;
  private readonly transitionTexts = new Map<string, string>();

  constructor(
    private readonly db: Kysely<AtelierTables>,
    private readonly sql: JobSql,
  ) {}

  insert(row: JobRow): Promise<void> {
    return new Promise((resolve, reject) => {
      this.inserts.push({ row, waiter: { resolve, reject } });
      this.schedule();
    });
  }

  transition(id: string, from: readonly string[], set: Partial<JobRow>, addAttempt: boolean, guard: TransitionGuard = {}): Promise<JobRow | undefined> {
    return new Promise((resolve, reject) => {
      const shape = transitionShape(Object.keys(set), from, addAttempt, guard);
      let group = this.transitions.get(shape);
      if (!group) this.transitions.set(shape, (group = []));
      group.push({ id, from, set, addAttempt, guard, resolve, reject });
      this.schedule();
    });
  }

  /** Ids of queued jobs that depend on `id`. */
  dependentsOf(id: string): Promise<string[]> {
    return new Promise((resolve, reject) => {
      let waiters = this.dependents.get(id);
      if (!waiters) this.dependents.set(id, (waiters = []));
      waiters.push({ resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // flush() settles every waiter itself; a fault here is a bug, and must still not end the process.
    setImmediate(() => this.flush().catch((err: Error) => this.logger.error(`Batched job writes failed: ${err.stack ?? err.message}`)));
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const inserts = this.inserts;
    const transitions = this.transitions;
    const dependents = this.dependents;
    this.inserts = [];
    this.transitions = new Map();
    this.dependents = new Map();
    const work: Promise<void>[] = [];
    for (let i = 0; i < inserts.length; i += MAX_ROWS) work.push(this.flushInserts(inserts.slice(i, i + MAX_ROWS)));
    for (const group of transitions.values()) {
      // Batches of one shape run in order: a repeated id's second change must see its first.
      work.push(withoutRepeats(group).reduce((done, batch) => done.then(() => this.flushTransitions(batch)), Promise.resolve()));
    }
    if (dependents.size) work.push(this.flushDependents(dependents));
    await Promise.all(work);
  }

  private async flushInserts(batch: { row: JobRow; waiter: Pending<void> }[]): Promise<void> {
    const params = JOB_COLUMNS.map((c) => batch.map(({ row }) => row[c]));
    try {
      await this.db.executeQuery(CompiledQuery.raw(INSERT_ROWS, params));
      for (const { waiter } of batch) waiter.resolve();
    } catch {
      await Promise.all(batch.map(({ row, waiter }) => settle(waiter, this.db.executeQuery(this.sql.insert(row)).then(() => undefined))));
    }
  }

  private async flushTransitions(batch: PendingTransition[]): Promise<void> {
    const one = (t: PendingTransition) =>
      settle(t, this.db.executeQuery<JobRow>(this.sql.transition(t.id, t.from, t.set, t.addAttempt, t.guard)).then((r) => r.rows[0]));
    const [first] = batch;
    const keys = Object.keys(first.set) as (keyof JobRow)[];
    const guardNames: GuardValueName[] = [];
    if (first.guard.dueBy !== undefined) guardNames.push('due_by');
    if (first.guard.ownedBy !== undefined) guardNames.push('owned_by');
    // One array per column of the batch (ids first), then the statuses it may leave.
    const params: unknown[] = [
      batch.map((t) => t.id),
      ...keys.map((k) => batch.map((t) => t.set[k])),
      ...guardNames.map((_, i) => batch.map((t) => guardValues(t.guard)[i])),
      ...first.from,
    ];
    const text = this.transitionText(transitionShape(keys, first.from, first.addAttempt, first.guard), keys, guardNames, first);
    try {
      const { rows } = await this.db.executeQuery<JobRow>(CompiledQuery.raw(text, params));
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const t of batch) t.resolve(byId.get(t.id));
    } catch {
      await Promise.all(batch.map(one));
    }
  }

  /** The batch statement of one transition shape, written once (its text is what PostgreSQL prepares). */
  private transitionText(shape: string, keys: (keyof JobRow)[], guardNames: GuardValueName[], first: PendingTransition): string {
    let text = this.transitionTexts.get(shape);
    if (text !== undefined) return text;
    const columns = ['id', ...keys, ...guardNames];
    const arrays = columns.map((c, i) => `$${i + 1}::${COLUMN_TYPES[c as keyof JobRow] ?? 'text'}[]`);
    let next = columns.length;
    const assignments = keys.map((k) => `"${k}" = v."${k}"`);
    if (first.addAttempt) assignments.push(`"attempts" = j."attempts" + 1`);
    // Every row is found by its id: the id list keeps the planner on the primary key even before it
    // has statistics (it would scan a table it takes for small, once per row of the batch), and the
    // guards only filter (see byKeyOnly).
    const guards = transitionConditions(first.from, first.guard, {
      column: (c) => `j."${c}"`,
      status: () => `$${++next}::text`,
      value: (name) => `v."${name}"`,
    });
    const where = [`j."id" = ANY($1::text[])`, `j."id" = v."id"`, ...guards.map(byKeyOnly)];
    text =
      `UPDATE "jobs" AS j SET ${assignments.join(', ')} FROM unnest(${arrays.join(', ')}) AS v(${columns.map((c) => `"${c}"`).join(', ')}) ` +
      `WHERE ${where.join(' AND ')} RETURNING j.*${PREPARED_STATEMENT}`;
    this.transitionTexts.set(shape, text);
    return text;
  }

  private async flushDependents(waiting: Map<string, Pending<string[]>[]>): Promise<void> {
    const ids = [...waiting.keys()];
    try {
      const { rows } = await this.db.executeQuery<{ depends_on_id: string; id: string }>(this.sql.dependentsOfMany(ids));
      const found = new Map<string, string[]>();
      for (const r of rows) (found.get(r.depends_on_id) ?? found.set(r.depends_on_id, []).get(r.depends_on_id)!).push(r.id);
      for (const [id, waiters] of waiting) for (const w of waiters) w.resolve(found.get(id) ?? []);
    } catch (error) {
      for (const waiters of waiting.values()) for (const w of waiters) w.reject(error);
    }
  }
}

/** Splits a group so that no id appears twice in one statement (the second change must see the first). */
function withoutRepeats(group: PendingTransition[]): PendingTransition[][] {
  const batches: { ids: Set<string>; items: PendingTransition[] }[] = [];
  for (const t of group) {
    let batch = batches.find((b) => !b.ids.has(t.id) && b.items.length < MAX_ROWS);
    if (!batch) batches.push((batch = { ids: new Set(), items: [] }));
    batch.ids.add(t.id);
    batch.items.push(t);
  }
  return batches.map((b) => b.items);
}

async function settle<T>(waiter: Pending<T>, work: Promise<T>): Promise<void> {
  try {
    waiter.resolve(await work);
  } catch (error) {
    waiter.reject(error);
  }
}
