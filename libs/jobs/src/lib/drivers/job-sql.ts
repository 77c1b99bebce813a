import { CompiledQuery } from 'kysely';
import { PREPARED_STATEMENT, type SqlDialectName } from '@atelier/persistence';
import type { TransitionGuard } from '../ports/job-store.port';
import type { JobRow } from './job-row';

export const JOB_COLUMNS: readonly (keyof JobRow)[] = [
  'id', 'type', 'status', 'title', 'progress', 'current_step', 'total_steps', 'step_label', 'parent_id', 'child_ids',
  'depends_on', 'priority', 'attempts', 'max_attempts', 'input', 'result', 'error', 'metadata', 'owner', 'run_at',
  'created_at', 'started_at', 'finished_at', 'updated_at', 'worker_id',
];

/**
 * The SQL of the job engine's hot path (insert, get, transition), written once per statement
 * shape and dialect and reused: Kysely's builder and compiler cost more than SQLite's execution of
 * these statements (measured by `npm run bench`, P3). Everything else uses the query builder.
 */
export class JobSql {
  private readonly texts = new Map<string, string>();
  private readonly insertText: string;
  private readonly getText: string;
  private readonly dependentsText: string;
  private readonly dependentsOfManyText: string;

  constructor(private readonly dialect: SqlDialectName) {
    this.insertText = this.prepared(`INSERT INTO "jobs" (${JOB_COLUMNS.map(quote).join(', ')}) VALUES (${JOB_COLUMNS.map((_, i) => this.param(i)).join(', ')})`);
    this.getText = this.prepared(`SELECT * FROM "jobs" WHERE "id" = ${this.param(0)}`);
    // Led by the dependency index, each dependent then probed by its key (a join lets the planners
    // scan every queued job instead; see dependentIsQueued).
    this.dependentsText = this.prepared(`SELECT "job_id" AS "id" FROM "job_dependencies" d WHERE "depends_on_id" = ${this.param(0)} AND ${this.dependentIsQueued()}`);
    this.dependentsOfManyText = this.prepared(
      `SELECT d."depends_on_id", d."job_id" AS "id" FROM "job_dependencies" d WHERE d."depends_on_id" = ANY($1::text[]) AND ${this.dependentIsQueued()}`,
    );
  }

  insert(row: JobRow): CompiledQuery {
    return CompiledQuery.raw(this.insertText, JOB_COLUMNS.map((c) => row[c]));
  }

  get(id: string): CompiledQuery {
    return CompiledQuery.raw(this.getText, [id]);
  }

  /** PostgreSQL: (depends_on_id, id) of the queued jobs that depend on any of `ids`. */
  dependentsOfMany(ids: string[]): CompiledQuery {
    return CompiledQuery.raw(this.dependentsOfManyText, [ids]);
  }

  /** Ids of queued jobs that depend on `id`. */
  dependents(id: string): CompiledQuery {
    return CompiledQuery.raw(this.dependentsText, [id]);
  }

  /** `UPDATE … SET <set> WHERE id AND <transitionConditions> RETURNING *`; `addAttempt` counts one more attempt. */
  transition(id: string, from: readonly string[], set: Partial<JobRow>, addAttempt: boolean, guard: TransitionGuard = {}): CompiledQuery {
    const keys = Object.keys(set) as (keyof JobRow)[];
    const shape = transitionShape(keys, from, addAttempt, guard);
    let text = this.texts.get(shape);
    if (text === undefined) {
      let n = 0;
      const assignments = keys.map((k) => `${quote(k)} = ${this.param(n++)}`);
      if (addAttempt) assignments.push(`"attempts" = "attempts" + 1`);
      const idParam = this.param(n++);
      const where = transitionConditions(from, guard, {
        column: quote,
        status: () => this.param(n++),
        value: () => this.param(n++),
      });
      text = this.prepared(`UPDATE "jobs" SET ${assignments.join(', ')} WHERE "id" = ${idParam} AND ${where.join(' AND ')} RETURNING *`);
      this.texts.set(shape, text);
    }
    const params: unknown[] = keys.map((k) => set[k]);
    params.push(id, ...from, ...guardValues(guard));
    return CompiledQuery.raw(text, params);
  }

  /** Merges keys into a running job's metadata in the statement itself, so concurrent merges keep every key. */
  mergeMetadata(id: string, metadata: Record<string, unknown>, now: string): CompiledQuery {
    const merged = this.dialect === 'postgres' ? `("metadata"::jsonb || $1::jsonb)::text` : `json_patch("metadata", ?)`;
    const [p2, p3] = this.dialect === 'postgres' ? ['$2', '$3'] : ['?', '?'];
    return CompiledQuery.raw(`UPDATE "jobs" SET "metadata" = ${merged}, "updated_at" = ${p2} WHERE "id" = ${p3} AND "status" = 'running' RETURNING *`, [
      JSON.stringify(metadata),
      now,
      id,
    ]);
  }

  /**
   * `d.job_id` is still queued. SQLite probes its covering (status, id) index per row. PostgreSQL
   * would turn an EXISTS into a semi-join, and with stale statistics hash or scan every job for it;
   * a scalar subquery stays a look-up by primary key per dependency row.
   */
  private dependentIsQueued(): string {
    return this.dialect === 'postgres'
      ? `(SELECT "jobs"."status" FROM "jobs" WHERE "jobs"."id" = d."job_id") = 'queued'`
      : `EXISTS (SELECT 1 FROM "jobs" WHERE "jobs"."id" = d."job_id" AND "jobs"."status" = 'queued')`;
  }

  /** PostgreSQL prepares these texts once per connection (SQLite's driver caches its prepared statements itself). */
  private prepared(text: string): string {
    return this.dialect === 'postgres' ? `${text}${PREPARED_STATEMENT}` : text;
  }

  private param(index: number): string {
    return this.dialect === 'postgres' ? `$${index + 1}` : '?';
  }
}

/** What decides a transition's SQL text: the columns it sets, the statuses it starts from, the attempt count and the guard. */
export function transitionShape(keys: readonly string[], from: readonly string[], addAttempt: boolean, guard: TransitionGuard): string {
  return `${keys.join(',')}|${from.join(',')}|${addAttempt}|${guard.topLevel ?? ''}|${guard.independent ?? ''}|${guard.dueBy !== undefined}|${guard.ownedBy !== undefined}`;
}

/** How a statement names a job column, a `from` status and a guard value (a parameter, or a VALUES column in a batch). */
export interface ConditionRefs {
  column(name: string): string;
  status(value: string): string;
  value(name: GuardValueName): string;
}

export type GuardValueName = 'due_by' | 'owned_by';

/**
 * The conditions of a transition, written once for both dialects and both statement forms (one
 * row, or a PostgreSQL batch): the status is one of `from`, then the guard's conditions. Guard
 * values come in the order of guardValues().
 */
export function transitionConditions(from: readonly string[], guard: TransitionGuard, refs: ConditionRefs): string[] {
  const c = refs.column;
  const where = [`${c('status')} IN (${from.map((s) => refs.status(s)).join(', ')})`];
  if (guard.topLevel) where.push(`${c('parent_id')} IS NULL`);
  if (guard.independent) where.push(`NOT EXISTS (SELECT 1 FROM "job_dependencies" dep WHERE dep."job_id" = ${c('id')})`);
  if (guard.dueBy !== undefined) where.push(`(${c('run_at')} IS NULL OR ${c('run_at')} <= ${refs.value('due_by')})`);
  if (guard.ownedBy !== undefined) where.push(`${c('worker_id')} = ${refs.value('owned_by')}`);
  return where;
}

/** The guard's values, in the order transitionConditions() refers to them. */
export function guardValues(guard: TransitionGuard): string[] {
  const values: string[] = [];
  if (guard.dueBy !== undefined) values.push(guard.dueBy);
  if (guard.ownedBy !== undefined) values.push(guard.ownedBy);
  return values;
}

/**
 * A condition the planner checks on rows it found by their key, but never uses to find them.
 * Given `status = 'queued'` or `parent_id IS NULL`, PostgreSQL with stale statistics (a fresh
 * database, or a burst of jobs since autovacuum last analysed) reads every queued job and joins
 * them to the few ids at hand: measured 17–200 ms per batch with 15,000 jobs queued, against
 * ≈ 1 ms through the primary key. `(…) IS TRUE` means the same for these NOT NULL columns.
 */
export function byKeyOnly(condition: string): string {
  return `(${condition}) IS TRUE`;
}

function quote(column: string): string {
  return `"${column}"`;
}
