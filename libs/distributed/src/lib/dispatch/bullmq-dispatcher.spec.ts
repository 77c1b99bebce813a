/**
 * The BullMQ dispatcher on the machine's real Redis and PostgreSQL: a process holds no more queue
 * entries than it runs (so nothing it claimed waits on it), a type over its cap is parked for any
 * worker, and the entries an earlier version left in its per-type queues still run.
 */
import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import pg from 'pg';
import { JOB_TYPES, type JobType } from '@atelier/contracts';
import type { DispatchHandler } from '@atelier/jobs';
import type { QueueBackendName, QueueSettings } from '../connections/queue-settings';
import { createDistributedDispatcher, distributedNames } from '../distributed-drivers';
import { DATABASE_URL, REDIS_URL, dropTestNamespaces, testNamespace } from '../../testing/test-namespace';
import { CONFIG_VARIABLES } from '@atelier/platform';
import { BullMqDispatcher } from './bullmq-dispatcher';
import { legacyQueueNameOf } from './legacy-queues';
import { postgresQueueDriver, redisQueueDriver, type WorkerHandle } from './queue-driver';

jest.setTimeout(120_000);

const namespaces: QueueSettings[] = [];
const open: BullMqDispatcher[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((d) => d.close()));
});
afterAll(() => dropTestNamespaces(namespaces), 60_000);

function settingsFor(backend: QueueBackendName): QueueSettings {
  const settings = { ...testNamespace(backend), concurrency: 1, typeConcurrency: {}, lockDurationMs: 5_000, replaySize: 100 };
  namespaces.push(settings);
  return settings;
}

function dispatcher(settings: QueueSettings, concurrency: number, typeConcurrency: Record<string, number> = {}): BullMqDispatcher {
  const d = createDistributedDispatcher({ ...settings, concurrency, typeConcurrency });
  open.push(d);
  return d;
}

/** Records what a dispatcher hands out; `hold` keeps every handler running until `release()`. */
function recorder(hold: boolean) {
  const seen: string[] = [];
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const handler: DispatchHandler = async (id) => {
    seen.push(id);
    if (hold) await released;
  };
  return { seen, handler, release };
}

/** Queue entries claimed by some worker right now, read from the datastore itself. */
async function activeEntries(settings: QueueSettings): Promise<number> {
  if (settings.backend === 'redis') {
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    try {
      const keys = await redis.keys(`${settings.prefix}:*:active`);
      const lengths = await Promise.all(keys.map((k) => redis.llen(k)));
      return lengths.reduce((a, b) => a + b, 0);
    } finally {
      redis.disconnect();
    }
  }
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${distributedNames(settings).bullmqSchema}".job WHERE state = 'active'`);
    return rows[0].n;
  } finally {
    await client.end();
  }
}

async function until(what: string, probe: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const ids = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}-${i}`);

describe.each<QueueBackendName>(['redis', 'postgres'])('BullMqDispatcher on %s', (backend) => {
  it('holds only the entries it runs: a busy process leaves the other 28 of 30 jobs, of every type, to a free one', async () => {
    const settings = settingsFor(backend);
    const busy = dispatcher(settings, 2);
    const held = recorder(true);
    await busy.start(held.handler);
    const jobs = ids(30, 'job');
    const typeOf = (i: number): JobType => JOB_TYPES[i % JOB_TYPES.length];
    for (const [i, id] of jobs.entries()) await busy.enqueue(id, { type: typeOf(i), priority: 0 });
    await until('the busy process to run 2 jobs', () => busy.runningCount() === 2);

    const free = dispatcher(settings, 2);
    const done = recorder(false);
    await free.start(done.handler);
    await until('the free process to run the 28 others', () => done.seen.length >= 28);
    expect(await activeEntries(settings)).toBe(busy.runningCount());

    held.release();
    await until('all 30 to run', () => held.seen.length + done.seen.length >= 30);
    expect([...held.seen, ...done.seen].sort()).toEqual([...jobs].sort());
  });

  it("hands a dead process's running entries to another within 10 s, with the default lock settings", async () => {
    const settings = settingsFor(backend);
    const names = distributedNames(settings);
    const driver = backend === 'redis' ? redisQueueDriver(REDIS_URL, settings.prefix) : postgresQueueDriver(DATABASE_URL, names.bullmqSchema);
    // The victim's BullMQ worker, to stop it as a SIGKILL would: no finish, no more lock renewals.
    let victimWorker: WorkerHandle | undefined;
    const victim = new BullMqDispatcher({
      driver: { ...driver, worker: (...args) => Promise.resolve(driver.worker(...args)).then((w) => (victimWorker = w)) },
      cancel: { publish: async () => undefined, subscribe: async () => undefined, close: async () => undefined },
      concurrency: 2,
      typeConcurrency: {},
      lockDurationMs: Number(CONFIG_VARIABLES.queueLockDurationMs.default),
    });
    const held = recorder(true);
    await victim.start(held.handler);
    for (const id of ['a', 'b']) await victim.enqueue(id, { type: 'analyze', priority: 0 });
    await until('the victim to run both', () => victim.runningCount() === 2);

    const rescuer = dispatcher(settings, 2);
    const redelivered: [string, boolean | undefined][] = [];
    await rescuer.start(async (id, _type, _signal, delivery) => void redelivered.push([id, delivery?.redelivered]));
    await victimWorker!.close(true);
    const died = Date.now();
    await until('the rescuer to get both', () => redelivered.length >= 2, 20_000);
    const took = Date.now() - died;
    expect(redelivered.sort()).toEqual([
      ['a', true],
      ['b', true],
    ]);
    expect(took).toBeLessThan(10_000);
    held.release();
    open.push(victim);
  });

  it('parks an entry over its type cap for any worker instead of holding it', async () => {
    const settings = settingsFor(backend);
    const capped = dispatcher(settings, 4, { analyze: 1 });
    const held = recorder(true);
    await capped.start(held.handler);
    const jobs = ids(6, 'capped');
    for (const id of jobs) await capped.enqueue(id, { type: 'analyze', priority: 0 });
    await until('the capped process to run 1 job', () => capped.runningCount() === 1);

    const other = dispatcher(settings, 4);
    const done = recorder(false);
    await other.start(done.handler);
    await until('the other process to run the 5 others', () => done.seen.length >= 5);
    expect(capped.runningCount()).toBe(1);
    expect(await activeEntries(settings)).toBe(1);
    held.release();
  });

  it('runs other types past a capped type, in one process, and never more of the capped type than its cap', async () => {
    const settings = settingsFor(backend);
    const d = dispatcher(settings, 2, { analyze: 1 });
    const started: string[] = [];
    let analyzing = 0;
    let mostAnalyzing = 0;
    // An analysis holds the cap until every thumbnail, queued behind all six, has started.
    let thumbsStarted!: () => void;
    const allThumbsStarted = new Promise<void>((resolve) => (thumbsStarted = resolve));
    for (const id of ids(6, 'analyze')) await d.enqueue(id, { type: 'analyze', priority: 0 });
    for (const id of ids(3, 'thumb')) await d.enqueue(id, { type: 'generate_thumbnail', priority: 0 });
    await d.start(async (id, type) => {
      started.push(id);
      if (type === 'generate_thumbnail') {
        if (started.filter((s) => s.startsWith('thumb')).length === 3) thumbsStarted();
        return;
      }
      mostAnalyzing = Math.max(mostAnalyzing, ++analyzing);
      await allThumbsStarted;
      analyzing--;
    });
    await until('all 9 to run', () => started.length === 9);
    expect(mostAnalyzing).toBe(1);
    expect(started.slice(0, 4).sort()).toEqual(['analyze-0', 'thumb-0', 'thumb-1', 'thumb-2']);
  });

  it('runs across types by priority, higher first', async () => {
    const settings = settingsFor(backend);
    const d = dispatcher(settings, 1);
    const order = recorder(false);
    await d.enqueue('low', { type: 'analyze', priority: 0 });
    await d.enqueue('mid', { type: 'generate_thumbnail', priority: 5 });
    await d.enqueue('high', { type: 'generate_image', priority: 9 });
    await d.start(order.handler);
    await until('the three to run', () => order.seen.length === 3);
    expect(order.seen).toEqual(['high', 'mid', 'low']);
  });

  it('runs what an earlier version left in its per-type queues', async () => {
    const settings = settingsFor(backend);
    const names = distributedNames(settings);
    const driver = backend === 'redis' ? redisQueueDriver(REDIS_URL, settings.prefix) : postgresQueueDriver(DATABASE_URL, names.bullmqSchema);
    const left: string[] = [];
    for (const type of ['analyze', 'generate_thumbnail'] as const) {
      const legacy = await driver.queue(legacyQueueNameOf(type));
      for (const id of ids(3, `legacy-${type}`)) {
        await legacy.add(type, { id }, { jobId: `${id}.old`, priority: 1_000_000 });
        left.push(id);
      }
      await legacy.close();
    }
    await driver.close();

    const d = dispatcher(settings, 2);
    const ran = recorder(false);
    await d.start(ran.handler);
    expect(await d.migrateLegacyQueues()).toBe(6);
    await until('the 6 left entries to run', () => ran.seen.length >= 6);
    expect([...ran.seen].sort()).toEqual([...left].sort());
    expect(await d.migrateLegacyQueues()).toBe(0);
  });
});

describe('BullMqDispatcher on a PostgreSQL that refuses connections for now', () => {
  const role = `t_role_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  beforeAll(async () => {
    await admin.connect();
    // A real refusal (53300, as "sorry, too many clients already"): the dispatcher's 4 connections at most.
    await admin.query(`CREATE ROLE "${role}" LOGIN CONNECTION LIMIT 4`);
    await admin.query(`GRANT CREATE ON DATABASE "${new URL(DATABASE_URL).pathname.slice(1)}" TO "${role}"`);
  });
  afterAll(async () => {
    await dropTestNamespaces(namespaces.splice(0));
    await admin.query(`DROP OWNED BY "${role}" CASCADE`);
    await admin.query(`DROP ROLE IF EXISTS "${role}"`);
    await admin.end();
  }, 60_000);

  it('starts and enqueues once the server has room, instead of failing or dropping the job', async () => {
    const url = new URL(DATABASE_URL);
    url.username = role;
    const settings = { ...settingsFor('postgres'), databaseUrl: url.toString() };
    const hogs = await Promise.all(Array.from({ length: 4 }, async () => {
      const c = new pg.Client({ connectionString: settings.databaseUrl });
      await c.connect();
      return c;
    }));
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const d = dispatcher(settings, 1);
      const ran = recorder(false);
      const started = d.start(ran.handler);
      const enqueued = d.enqueue('waited', { type: 'analyze', priority: 0 });
      await until('a refused connection', () => warn.mock.calls.some(([m]) => /refused/.test(String(m))));
      await Promise.all(hogs.map((c) => c.end()));
      await started;
      await enqueued;
      await until('the job to run', () => ran.seen.length === 1);
      expect(ran.seen).toEqual(['waited']);
    } finally {
      warn.mockRestore();
      await Promise.all(hogs.map((c) => c.end().catch(() => undefined)));
    }
  });
});
