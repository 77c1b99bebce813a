import type { Preset } from '@atelier/contracts';
import { uuidv7 } from '@atelier/platform';
import { migrateToLatest, openSqliteDatabase, runInTransactionScope, type AtelierDb } from '@atelier/persistence';
import { PresetsRepository } from './presets.repository';
import { PresetsService } from './presets.service';

function preset(overrides: Partial<Preset> = {}): Preset {
  return {
    preset_id: uuidv7(),
    category: 'hair-color',
    name: 'Copper',
    data: { tone: 'warm', swatches: ['#b87333'] },
    source_image_id: 'a'.repeat(64),
    job_id: null,
    provider: 'offline',
    model: 'offline-pixel-stats-1',
    created_at: new Date().toISOString(),
    owner: null,
    ...overrides,
  };
}

describe('PresetsService', () => {
  let db: AtelierDb;
  let repository: PresetsRepository;
  let service: PresetsService;

  beforeEach(async () => {
    db = openSqliteDatabase(':memory:');
    await migrateToLatest(db, 'sqlite');
    repository = new PresetsRepository(db);
    service = new PresetsService(repository);
  });
  afterEach(() => db.destroy());

  it('pages newest first with an opaque cursor, filtered by category', async () => {
    const made: Preset[] = [];
    for (let i = 0; i < 5; i++) made.push(preset({ name: `p${i}`, category: i % 2 ? 'makeup' : 'hair-color' }));
    for (const p of made) await repository.insert(p);

    const first = await service.list({ limit: 2 });
    expect(first.presets.map((p) => p.name)).toEqual(['p4', 'p3']);
    const second = await service.list({ limit: 2, cursor: first.next_cursor! });
    expect(second.presets.map((p) => p.name)).toEqual(['p2', 'p1']);
    const last = await service.list({ limit: 2, cursor: second.next_cursor! });
    expect(last).toEqual({ presets: [expect.objectContaining({ name: 'p0' })], next_cursor: null });

    expect((await service.list({ limit: 50, category: 'makeup' })).presets.map((p) => p.name)).toEqual(['p3', 'p1']);
    await expect(service.list({ limit: 2, cursor: 'garbage' })).rejects.toMatchObject({ status: 400 });
  });

  it('keeps data as JSON, renames, deletes, and answers 404 for unknown ids', async () => {
    const p = preset();
    await repository.insert(p);
    expect(await service.get(p.preset_id)).toEqual(p);
    expect(await service.rename(p.preset_id, '  Autumn copper ')).toMatchObject({ name: 'Autumn copper' });
    await service.delete(p.preset_id);
    await expect(service.get(p.preset_id)).rejects.toMatchObject({ status: 404 });
    await expect(service.delete(p.preset_id)).rejects.toMatchObject({ status: 404 });
    await expect(service.rename(uuidv7(), 'x')).rejects.toMatchObject({ status: 404 });
  });

  it('writes inside the ambient transaction, which a rollback undoes', async () => {
    const p = preset();
    await expect(
      db.transaction().execute((tx) =>
        runInTransactionScope(db, tx, async () => {
          await repository.insert(p);
          throw new Error('rollback');
        }),
      ),
    ).rejects.toThrow('rollback');
    expect(await repository.get(p.preset_id)).toBeUndefined();
  });

  it('finds the newest cached preset only within the window and for the same provider and model', async () => {
    const old = preset({ created_at: new Date(Date.now() - 60_000).toISOString() });
    const fresh = preset();
    await repository.insert(old);
    await repository.insert(fresh);
    const key = { imageId: fresh.source_image_id!, category: 'hair-color', provider: 'offline', model: fresh.model };
    expect((await repository.findCached({ ...key, since: new Date(Date.now() - 120_000).toISOString() }))?.preset_id).toBe(fresh.preset_id);
    expect(await repository.findCached({ ...key, model: 'other', since: new Date(0).toISOString() })).toBeUndefined();
    expect(await repository.findCached({ ...key, since: new Date(Date.now() + 1000).toISOString() })).toBeUndefined();
  });
});
