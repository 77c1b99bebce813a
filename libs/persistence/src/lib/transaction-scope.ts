import { AsyncLocalStorage } from 'node:async_hooks';
import type { AtelierDb } from './schema';

interface Scope {
  root: AtelierDb;
  tx: AtelierDb;
}

const scopes = new AsyncLocalStorage<Scope>();

/**
 * Runs `fn` with `tx` as the ambient transaction of `root`: repositories that write through
 * `currentExecutor(root)` while it runs join that transaction. This is how a job's end and the
 * records its handler made (a preset, a thumbnail) commit together without the job engine or the
 * handler ever holding a database transaction.
 */
export function runInTransactionScope<T>(root: AtelierDb, tx: AtelierDb, fn: () => Promise<T>): Promise<T> {
  return scopes.run({ root, tx }, fn);
}

/** The ambient transaction of `root` when one is open in this async context, else `root` itself. */
export function currentExecutor(root: AtelierDb): AtelierDb {
  const scope = scopes.getStore();
  return scope && scope.root === root ? scope.tx : root;
}

/**
 * Runs `fn` in a transaction of `root` that repositories join (see runInTransactionScope); inside
 * an open one, joins it. A change and its audit entry commit together this way.
 */
export function inTransaction<T>(root: AtelierDb, fn: () => Promise<T>): Promise<T> {
  const scope = scopes.getStore();
  if (scope && scope.root === root) return fn();
  return root.transaction().execute((tx) => runInTransactionScope(root, tx, fn));
}
