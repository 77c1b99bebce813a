/** Content-addressed bytes (uploaded images, thumbnails): the same bytes are stored once. */
export interface StoredBlob {
  sha256: string;
  mime_type: string;
  byte_size: number;
}

export abstract class BlobStore {
  /** Stores the bytes (idempotent) and answers their address; storing them again renews their `created_at`. */
  abstract put(data: Buffer, mimeType: string): Promise<StoredBlob>;
  abstract get(sha256: string): Promise<Buffer | undefined>;
  abstract has(sha256: string): Promise<boolean>;
  abstract delete(sha256: string): Promise<void>;
  /**
   * Deletes those of `candidates` that no image references and that were stored before `before`,
   * unless they are being stored again right now; answers the ones it deleted.
   */
  abstract deleteUnreferenced(candidates: string[], before: Date): Promise<string[]>;
  /** Removes what writes interrupted before `before` left behind (temporary files); answers how many. */
  abstract removeInterruptedWrites(before: Date): Promise<number>;
}
