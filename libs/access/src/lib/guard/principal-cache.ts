import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, type Principal } from '@atelier/platform';
import { sha256 } from '../tokens';

/** How long a verified credential is trusted without reading it again: a backstop, since changes made here empty the cache at once. */
export const PRINCIPAL_CACHE_MS = 1_000;
const MAX_ENTRIES = 10_000;

/** A verified credential: its principal, and until when it may be trusted (its own expiry, idle deadline). */
export interface VerifiedCredential {
  principal: Principal;
  validUntil: number;
}

interface Entry {
  principal: Principal;
  until: number;
}

/**
 * Verified credentials → principal, in embedded mode only (one process owns the database, so every
 * change to users, keys and sessions passes through invalidate() here). Changes empty the cache
 * once committed, so a revoked key, a disabled user or a lowered role take effect for the next
 * request as before; the short lifetime only bounds a change made behind the server's back.
 * Distributed mode reads the database on every request: another node's revocation must count at once.
 * Look-ups of one credential running together share one read; a look-up that started before an
 * invalidation is not kept.
 */
@Injectable()
export class PrincipalCache {
  private readonly enabled: boolean;
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Principal | undefined>>();
  private generation = 0;

  constructor(@Inject(AppConfig) config: AppConfig) {
    this.enabled = config.mode === 'embedded';
  }

  /** The principal of a credential, verified by `verify` unless known; kinds are kept apart (a session token is no API key). */
  resolve(kind: Principal['via'], token: string, verify: () => Promise<VerifiedCredential | undefined>): Promise<Principal | undefined> {
    if (!this.enabled) return verify().then((found) => found?.principal);
    const key = `${kind}:${sha256(token)}`;
    const hit = this.entries.get(key);
    if (hit && hit.until > Date.now()) return Promise.resolve(hit.principal);
    const pending = this.loading.get(key);
    if (pending) return pending;
    const generation = this.generation;
    const load = verify().then(
      (found) => {
        if (this.loading.get(key) === load) this.loading.delete(key);
        if (generation === this.generation) {
          if (found) this.keep(key, found);
          else this.entries.delete(key);
        }
        return found?.principal;
      },
      (error: unknown) => {
        if (this.loading.get(key) === load) this.loading.delete(key);
        throw error;
      },
    );
    this.loading.set(key, load);
    return load;
  }

  /** Runs a change to users, API keys or sessions; every cached credential is forgotten once it has committed or failed. */
  async changing<T>(change: () => Promise<T>): Promise<T> {
    try {
      return await change();
    } finally {
      this.invalidate();
    }
  }

  /** Forgets every credential. */
  invalidate(): void {
    this.generation++;
    this.entries.clear();
    this.loading.clear();
  }

  private keep(key: string, found: VerifiedCredential): void {
    const now = Date.now();
    if (this.entries.size >= MAX_ENTRIES) {
      for (const [k, e] of this.entries) if (e.until <= now) this.entries.delete(k);
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    }
    this.entries.set(key, { principal: found.principal, until: Math.min(found.validUntil, now + PRINCIPAL_CACHE_MS) });
  }
}
