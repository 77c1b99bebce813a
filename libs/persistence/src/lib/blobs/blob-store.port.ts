/** Content-addressed bytes (uploaded images, thumbnails): the same bytes are stored once. */
export interface StoredBlob {
  sha256: string;
  mime_type: string;
  byte_size: number;
}

export abstract class BlobStore {
  /** Stores the bytes (idempotent) and answers their address. */
  abstract put(data: Buffer, mimeType: string): Promise<StoredBlob>;
  abstract get(sha256: string): Promise<Buffer | undefined>;
  abstract has(sha256: string): Promise<boolean>;
  abstract delete(sha256: string): Promise<void>;
}
