import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import pg from 'pg';
import { ensurePostgresSchema, migrateToLatest, openPostgresDatabase, type AtelierDb } from '@atelier/persistence';
import { ModelCallGate, localLimits, postgresLimits, redisLimits, type ModelCallLimits, type TryAcquire } from './model-call-gate';

const DATABASE_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** Two "nodes" (gates over the same shared store) each start `calls` calls of `ms`; answers the most in flight at once. */
async function peakInFlight(nodes: ModelCallGate[], calls: number, ms: number): Promise<number> {
  let inFlight = 0;
  let peak = 0;
  const call = async (gate: ModelCallGate) => {
    const release = await gate.acquire();
    inFlight++;
    peak = Math.max(peak, inFlight);
    await new Promise((r) => setTimeout(r, ms));
    inFlight--;
    await release();
  };
  await Promise.all(nodes.flatMap((gate) => Array.from({ length: calls }, () => call(gate))));
  return peak;
}

async function grantedNow(tryAcquire: TryAcquire, n: number): Promise<number> {
  let granted = 0;
  for (let i = 0; i < n; i++) {
    const answer = await tryAcquire();
    if ('release' in answer) {
      granted++;
      await answer.release();
    }
  }
  return granted;
}

const limits = (over: Partial<ModelCallLimits>): ModelCallLimits => ({ maxConcurrency: 0, maxPerMinute: 0, leaseMs: 30_000, ...over });

describe('ModelCallGate', () => {
  it('in one process: at most maxConcurrency calls at once, and at most maxPerMinute starts', async () => {
    expect(await peakInFlight([new ModelCallGate(localLimits(limits({ maxConcurrency: 2 })))], 8, 20)).toBe(2);
    expect(await grantedNow(localLimits(limits({ maxPerMinute: 3 })), 5)).toBe(3);
  });

  it('a waiting call is aborted by its signal', async () => {
    const gate = new ModelCallGate(localLimits(limits({ maxConcurrency: 1 })));
    const held = await gate.acquire();
    const controller = new AbortController();
    const waiting = gate.acquire(controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    await held();
  });

  describe('across nodes on Redis', () => {
    const prefix = `t_gate_${randomBytes(4).toString('hex')}`;
    const clients: Redis[] = [];
    const node = (l: ModelCallLimits) => {
      const redis = new Redis(REDIS_URL);
      clients.push(redis);
      return redisLimits(redis, prefix, l);
    };
    afterAll(async () => {
      const keys = await clients[0].keys(`${prefix}:*`);
      if (keys.length) await clients[0].del(...keys);
      clients.forEach((c) => c.disconnect());
    });

    it('two nodes together hold at most maxConcurrency calls, and start at most maxPerMinute', async () => {
      const l = limits({ maxConcurrency: 3 });
      expect(await peakInFlight([new ModelCallGate(node(l)), new ModelCallGate(node(l))], 6, 30)).toBe(3);
      const rpm = limits({ maxPerMinute: 4 });
      const [a, b] = [node(rpm), node(rpm)];
      expect((await grantedNow(a, 3)) + (await grantedNow(b, 3))).toBe(4);
    });

    it('a lease of a node that died stops counting after leaseMs', async () => {
      const l = limits({ maxConcurrency: 1, leaseMs: 200 });
      const dead = node(l);
      expect('release' in (await dead())).toBe(true);
      const alive = node(l);
      expect('waitMs' in (await alive())).toBe(true);
      await new Promise((r) => setTimeout(r, 250));
      expect('release' in (await alive())).toBe(true);
    });
  });

  describe('across nodes on PostgreSQL alone', () => {
    const schema = `t_gate_${randomBytes(4).toString('hex')}`;
    let db: AtelierDb;
    beforeAll(async () => {
      await ensurePostgresSchema(DATABASE_URL, schema);
      db = openPostgresDatabase(DATABASE_URL, schema, 4);
      await migrateToLatest(db, 'postgres');
    });
    afterAll(async () => {
      await db.destroy();
      const client = new pg.Client({ connectionString: DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    });

    it('two nodes together hold at most maxConcurrency calls, and start at most maxPerMinute', async () => {
      const l = limits({ maxConcurrency: 2 });
      expect(await peakInFlight([new ModelCallGate(postgresLimits(db, l)), new ModelCallGate(postgresLimits(db, l))], 4, 30)).toBe(2);
      const rpm = limits({ maxPerMinute: 3 });
      expect((await grantedNow(postgresLimits(db, rpm), 2)) + (await grantedNow(postgresLimits(db, rpm), 2))).toBe(3);
    });
  });
});
