import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateToLatest, openSqliteDatabase } from '@atelier/persistence';
import { describeJobEngineContract, type DriverOptions, type EngineDrivers } from '../../testing';
import { KyselyJobStore } from './kysely-job-store';
import { MemoryEventBus } from './memory-event-bus';
import { InProcessDispatcher } from './in-process-dispatcher';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function sqliteDrivers(options: DriverOptions, file?: string): Promise<EngineDrivers> {
  if (!file) {
    const dir = mkdtempSync(join(tmpdir(), 'atelier-engine-'));
    dirs.push(dir);
    file = join(dir, 'atelier.db');
  }
  const db = openSqliteDatabase(file);
  await migrateToLatest(db, 'sqlite');
  const dbFile = file;
  return {
    store: new KyselyJobStore(db, 'sqlite'),
    bus: new MemoryEventBus(1000),
    dispatcher: new InProcessDispatcher(options),
    close: () => db.destroy(),
    reopen: () => sqliteDrivers(options, dbFile),
  };
}

describeJobEngineContract('embedded (SQLite file + in-process dispatcher)', (options) => sqliteDrivers(options), { bootRecovery: true });
