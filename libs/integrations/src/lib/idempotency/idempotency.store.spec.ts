import { migrateToLatest, openSqliteDatabase, type AtelierDb } from '@atelier/persistence';
import { IdempotencyStore } from './idempotency.store';

const answer = (status = 202) => ({ status, headers: { 'content-type': 'application/json; charset=utf-8', location: '/api/jobs/j1' }, body: Buffer.from('{"job_id":"j1"}') });

describe('IdempotencyStore (SQLite)', () => {
  let db: AtelierDb;
  let now: number;
  let store: IdempotencyStore;

  beforeEach(async () => {
    db = openSqliteDatabase(':memory:');
    await migrateToLatest(db, 'sqlite');
    now = Date.parse('2026-12-01T10:00:00Z');
    store = new IdempotencyStore(db, { ttlMs: 60_000, leaseMs: 10_000 }, () => now);
  });
  afterEach(() => db.destroy());

  it('lets one of many concurrent claims of a key win; the others see it in progress', async () => {
    const claims = await Promise.all(Array.from({ length: 20 }, () => store.claim('u1', 'k', 'fp')));
    expect(claims.filter((c) => c.claimed)).toHaveLength(1);
    for (const c of claims.filter((c) => !c.claimed)) expect(c).toMatchObject({ claimed: false, record: { state: 'in_progress', fingerprint: 'fp' } });
  });

  it('keeps the answer of the holder, byte for byte, and scopes keys by user', async () => {
    const first = await store.claim('u1', 'k', 'fp');
    if (!first.claimed) throw new Error('not claimed');
    expect(await store.complete('u1', 'k', first.claimId, answer())).toBe(true);
    const again = await store.claim('u1', 'k', 'fp');
    expect(again).toMatchObject({ claimed: false, record: { state: 'done', answer: answer() } });
    expect((await store.claim('u2', 'k', 'fp')).claimed).toBe(true);
  });

  it('a released key is claimed again; only its holder may store an answer', async () => {
    const first = await store.claim('u1', 'k', 'fp');
    if (!first.claimed) throw new Error('not claimed');
    await store.release('u1', 'k', first.claimId);
    const second = await store.claim('u1', 'k', 'fp');
    expect(second.claimed).toBe(true);
    expect(await store.complete('u1', 'k', first.claimId, answer())).toBe(false);
  });

  it('ignores an answer past its TTL and a claim past its lease, and deletes them', async () => {
    const done = await store.claim('u1', 'done', 'fp');
    const abandoned = await store.claim('u1', 'abandoned', 'fp');
    if (!done.claimed || !abandoned.claimed) throw new Error('not claimed');
    await store.complete('u1', 'done', done.claimId, answer());
    now += 10_001;
    expect((await store.claim('u1', 'abandoned', 'fp')).claimed).toBe(true);
    expect(await store.read('u1', 'done')).toMatchObject({ state: 'done' });
    now += 50_000;
    expect(await store.read('u1', 'done')).toBeUndefined();
    expect(await store.deleteExpired()).toBe(0);

    const kept = await store.claim('u1', 'kept', 'fp');
    if (!kept.claimed) throw new Error('not claimed');
    await store.complete('u1', 'kept', kept.claimId, answer());
    now += 60_001;
    expect(await store.deleteExpired()).toBe(2);
    expect(await db.selectFrom('idempotency_keys').select('idempotency_key').execute()).toEqual([]);
  });
});
