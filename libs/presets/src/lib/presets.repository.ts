import { Inject, Injectable } from '@nestjs/common';
import type { Preset } from '@atelier/contracts';
import { ATELIER_DB, currentExecutor, type AtelierDb, type PresetsTable } from '@atelier/persistence';

export interface PresetPage {
  category?: string;
  /** Only this member's presets. */
  owner?: string;
  /** Only presets older than this id (newest first). */
  beforeId?: string;
  limit: number;
}

export interface CacheKey {
  imageId: string;
  category: string;
  provider: string;
  model: string;
  /** ISO time: only presets created at or after it count. */
  since: string;
  /** Only presets of this user (a member's analysis never reuses another member's result). */
  owner?: string | null;
}

/**
 * Records of presets. Inserts join the ambient transaction (runInTransactionScope), so an
 * analysis writes its preset inside the transaction that completes its job.
 */
@Injectable()
export class PresetsRepository {
  constructor(@Inject(ATELIER_DB) private readonly db: AtelierDb) {}

  async insert(preset: Preset): Promise<void> {
    await currentExecutor(this.db).insertInto('presets').values(toRow(preset)).execute();
  }

  async get(id: string): Promise<Preset | undefined> {
    const row = await this.db.selectFrom('presets').selectAll().where('preset_id', '=', id).executeTakeFirst();
    return row && fromRow(row);
  }

  async getMany(ids: string[]): Promise<Preset[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('presets').selectAll().where('preset_id', 'in', ids).execute();
    const byId = new Map(rows.map((r) => [r.preset_id, fromRow(r)]));
    return ids.map((id) => byId.get(id)).filter((p): p is Preset => p !== undefined);
  }

  async list(page: PresetPage): Promise<Preset[]> {
    let q = this.db.selectFrom('presets').selectAll().orderBy('preset_id', 'desc').limit(page.limit);
    if (page.category) q = q.where('category', '=', page.category);
    if (page.owner !== undefined) q = q.where('owner', '=', page.owner);
    if (page.beforeId) q = q.where('preset_id', '<', page.beforeId);
    return (await q.execute()).map(fromRow);
  }

  /** Answers the renamed preset, or undefined when there is none with that id. */
  async rename(id: string, name: string, owner?: string): Promise<Preset | undefined> {
    let q = this.db.updateTable('presets').set({ name }).where('preset_id', '=', id);
    if (owner !== undefined) q = q.where('owner', '=', owner);
    const row = await q.returningAll().executeTakeFirst();
    return row && fromRow(row);
  }

  async delete(id: string, owner?: string): Promise<boolean> {
    let q = this.db.deleteFrom('presets').where('preset_id', '=', id);
    if (owner !== undefined) q = q.where('owner', '=', owner);
    const rows = await q.returning('preset_id').execute();
    return rows.length > 0;
  }

  /** The newest preset the same image, analyzer, provider and model produced within the cache window (for its owner). */
  async findCached(key: CacheKey): Promise<Preset | undefined> {
    const row = await this.db
      .selectFrom('presets')
      .selectAll()
      .where('source_image_id', '=', key.imageId)
      .where('category', '=', key.category)
      .where('provider', '=', key.provider)
      .where('model', '=', key.model)
      .where('created_at', '>=', key.since)
      .where((eb) => (key.owner === undefined ? eb.lit(true) : eb('owner', '=', key.owner)))
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && fromRow(row);
  }
}

function toRow(p: Preset): PresetsTable {
  return { ...p, data: JSON.stringify(p.data) };
}

function fromRow(row: PresetsTable): Preset {
  return { ...row, data: JSON.parse(row.data) as Record<string, unknown> };
}
