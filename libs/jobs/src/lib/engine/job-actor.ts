import { AsyncLocalStorage } from 'node:async_hooks';

const actors = new AsyncLocalStorage<string | null>();

/**
 * Who the job commands issued inside `fn` act for: a user's id for a request, null for the
 * engine. The timeline reads it, so a cancel or retry names who asked for it without every
 * transition carrying the user.
 */
export function actingAs<T>(actor: string | null | undefined, fn: () => Promise<T>): Promise<T> {
  return actors.run(actor ?? null, fn);
}

export function currentActor(): string | null {
  return actors.getStore() ?? null;
}
