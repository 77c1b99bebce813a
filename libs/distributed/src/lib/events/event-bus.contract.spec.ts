/**
 * The event bus contract on the machine's real Redis and PostgreSQL. Each bus starts as a process
 * starts it (configuration → persistence → the distributed bus provider), in a fresh schema and
 * key prefix of its own.
 */
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { parseConfig, PlatformModule, type AppConfig } from '@atelier/platform';
import { PersistenceModule } from '@atelier/persistence';
import { JobEventBus } from '@atelier/jobs';
import { describeEventBusContract, type EventBusFactory } from '@atelier/jobs/testing';
import type { QueueBackendName, QueueSettings } from '../connections/queue-settings';
import type { DistributedEventBus } from '../distributed-drivers';
import { DISTRIBUTED_EVENT_BUS, DistributedModule } from '../distributed.module';
import { DATABASE_URL, REDIS_URL, dropTestNamespaces, testNamespace } from '../../testing/test-namespace';

jest.setTimeout(180_000);

const namespaces: Pick<QueueSettings, 'databaseUrl' | 'databaseSchema' | 'prefix'>[] = [];
afterAll(() => dropTestNamespaces(namespaces), 60_000);

@Module({})
class EventBusProcessModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: EventBusProcessModule, imports: [PlatformModule.forRoot(config), PersistenceModule, DistributedModule.forRoot()], providers: [DISTRIBUTED_EVENT_BUS] };
  }
}

type Namespace = ReturnType<typeof testNamespace>;

function freshNamespace(backend: QueueBackendName): Namespace {
  const ns = testNamespace(backend);
  namespaces.push(ns);
  return ns;
}

/** Boots the configuration, persistence and distributed modules with the bus provider, as a process does. */
async function bootBus(ns: Namespace, retain: number) {
  const config = parseConfig({
    DATABASE_URL: ns.databaseUrl,
    DATABASE_SCHEMA: ns.databaseSchema,
    QUEUE_PREFIX: ns.prefix,
    SSE_REPLAY_SIZE: String(retain),
    ...(ns.backend === 'redis' ? { REDIS_URL } : { QUEUE_BACKEND: 'postgres' }),
  });
  const app = await NestFactory.createApplicationContext(EventBusProcessModule.forRoot(config), { logger: false, abortOnError: false });
  const bus = app.get<DistributedEventBus>(JobEventBus);
  return {
    bus,
    close: async () => {
      await bus.close();
      await app.close();
    },
  };
}

const busOn =
  (backend: QueueBackendName): EventBusFactory =>
  ({ retain }) =>
    bootBus(freshNamespace(backend), retain);

describeEventBusContract(`Redis Stream at ${REDIS_URL}`, busOn('redis'));
describeEventBusContract(`PostgreSQL LISTEN/NOTIFY at ${DATABASE_URL}`, busOn('postgres'));

it('PostgreSQL: processes booting together on one fresh schema all start their bus, and share one log', async () => {
  const ns = freshNamespace('postgres');
  const boots = await Promise.allSettled([1, 2, 3].map(() => bootBus(ns, 1_000)));
  const nodes = boots.flatMap((b) => (b.status === 'fulfilled' ? [b.value] : []));
  try {
    expect(boots.map((b) => (b.status === 'rejected' ? String(b.reason) : 'started'))).toEqual(['started', 'started', 'started']);
    const [first, second] = nodes;
    const from = second.bus.currentCursor();
    await first.bus.publish({ event: 'job.deleted', data: { job_id: 'j1' } });
    expect(await second.bus.since(from)).toMatchObject([{ event: 'job.deleted', data: { job_id: 'j1' } }]);
  } finally {
    await Promise.all(nodes.map((n) => n.close()));
  }
});

it('PostgreSQL: adopts the job_events table an earlier version made without job_id, with its events', async () => {
  const ns = freshNamespace('postgres');
  const client = new pg.Client({ connectionString: ns.databaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA "${ns.databaseSchema}"`);
    await client.query(`CREATE TABLE "${ns.databaseSchema}".job_events (id bigserial PRIMARY KEY, body text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
    for (const job_id of ['old-1', 'old-2']) {
      await client.query(`INSERT INTO "${ns.databaseSchema}".job_events (body) VALUES ($1)`, [JSON.stringify({ event: 'job.deleted', data: { job_id } })]);
    }
  } finally {
    await client.end();
  }

  const { bus, close } = await bootBus(ns, 1_000);
  try {
    expect(bus.currentCursor()).toBe('2');
    await bus.publish({ event: 'job.deleted', data: { job_id: 'new-1' } });
    expect(await bus.since('0')).toEqual([
      { id: '1', event: 'job.deleted', data: { job_id: 'old-1' } },
      { id: '2', event: 'job.deleted', data: { job_id: 'old-2' } },
      { id: '3', event: 'job.deleted', data: { job_id: 'new-1' } },
    ]);
    expect(await bus.latestOf('old-2')).toEqual({ id: '2', event: 'job.deleted', data: { job_id: 'old-2' } });
  } finally {
    await close();
  }
});
