import type { AtelierDb } from '../schema';

/** Every blob an image points at: its original, its normalised copy, its thumbnail. */
export function referencedBlobs(db: AtelierDb) {
  return db
    .selectFrom('images')
    .select('sha256')
    .union(db.selectFrom('images').select('normalized_sha256 as sha256'))
    .union(db.selectFrom('images').select('thumbnail_sha256 as sha256').where('thumbnail_sha256', 'is not', null).$narrowType<{ sha256: string }>());
}

/** Up to `limit` blobs stored before `before` that no image references, after `cursor` in sha256 order. */
export async function findUnreferencedBlobs(db: AtelierDb, before: Date, limit: number, cursor = ''): Promise<string[]> {
  const rows = await db
    .selectFrom('blobs')
    .select('sha256')
    .where('created_at', '<', before.toISOString())
    .where('sha256', '>', cursor)
    .where('sha256', 'not in', referencedBlobs(db))
    .orderBy('sha256')
    .limit(limit)
    .execute();
  return rows.map((r) => r.sha256);
}

/** Deletes those of `candidates` that are still unreferenced and older than `before` (checked in the same statement). */
export async function deleteUnreferencedRows(db: AtelierDb, candidates: string[], before: Date): Promise<string[]> {
  if (candidates.length === 0) return [];
  const rows = await db
    .deleteFrom('blobs')
    .where('sha256', 'in', candidates)
    .where('created_at', '<', before.toISOString())
    .where('sha256', 'not in', referencedBlobs(db))
    .returning('sha256')
    .execute();
  return rows.map((r) => r.sha256);
}
