import type { AtelierDb } from '../schema';
import { BlobStore, type StoredBlob } from './blob-store.port';
import { deleteUnreferencedRows } from './blob-references';
import { sha256Hex } from './sha256';

/** Distributed blobs: bytes in the database, so any worker on any machine can read any image. */
export class DatabaseBlobStore extends BlobStore {
  constructor(private readonly db: AtelierDb) {
    super();
  }

  async put(data: Buffer, mimeType: string): Promise<StoredBlob> {
    const sha = sha256Hex(data);
    const row = { sha256: sha, mime_type: mimeType, byte_size: data.length, data, created_at: new Date().toISOString() };
    await this.db
      .insertInto('blobs')
      .values(row)
      .onConflict((oc) => oc.column('sha256').doUpdateSet({ created_at: row.created_at }))
      .execute();
    return { sha256: sha, mime_type: mimeType, byte_size: data.length };
  }

  async get(sha: string): Promise<Buffer | undefined> {
    const row = await this.db.selectFrom('blobs').select('data').where('sha256', '=', sha).executeTakeFirst();
    return row?.data ?? undefined;
  }

  async has(sha: string): Promise<boolean> {
    const row = await this.db.selectFrom('blobs').select('sha256').where('sha256', '=', sha).executeTakeFirst();
    return row !== undefined;
  }

  async delete(sha: string): Promise<void> {
    await this.db.deleteFrom('blobs').where('sha256', '=', sha).execute();
  }

  deleteUnreferenced(candidates: string[], before: Date): Promise<string[]> {
    // Bytes and row go together; a put of the same bytes renews `created_at`, which the delete checks.
    return deleteUnreferencedRows(this.db, candidates, before);
  }

  async removeInterruptedWrites(): Promise<number> {
    return 0;
  }
}
