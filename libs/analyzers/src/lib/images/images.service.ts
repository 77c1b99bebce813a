import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, NotFoundError, type AccessScope } from '@atelier/platform';
import { ATELIER_DB, BlobStore, currentExecutor, sha256Hex, type AtelierDb, type ImagesTable } from '@atelier/persistence';
import { checkUpload, inspectUpload, type UploadLimits, type UploadedImageFile } from './image-inspector';
import { sniffImageType } from './image-type';
import { undecodableImage } from './image-errors';
import { THUMBNAIL_MIME_TYPE, makeThumbnail } from './thumbnail';
import { withImageWorkSlot } from './image-work-gate';
import { normaliseImage, type NormalisedImage } from './image-normaliser';

export type ImageRecord = ImagesTable;

export interface ImageBytes {
  data: Buffer;
  mimeType: string;
}

export interface AcceptedImage {
  image: ImageRecord;
  /** False when the same bytes were uploaded before (nothing new was stored). */
  created: boolean;
}

/**
 * Images: validated uploads stored content-addressed (image_id is the sha256 of the original,
 * so the same image is stored once), with the normalised copy models see and a thumbnail.
 * Uploads are normalised when accepted; an image Atelier generated is normalised by its first
 * analysis (ImagePreparation), and until then its row's normalized_sha256 is its own sha256.
 */
@Injectable()
export class ImagesService {
  constructor(
    @Inject(ATELIER_DB) private readonly db: AtelierDb,
    private readonly blobs: BlobStore,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /**
   * Validates an upload (400/413/415 with nothing stored) and stores it. Bytes already stored are
   * recognised by their sha256 first and need no more work; a new image is checked cheaply
   * (type, header, structure), then decoded and normalised before anything is stored, so an
   * upload that cannot be decoded answers 400 and leaves no job, blob or row behind.
   * `admitted` is a check already under way (the caller's job quota): its refusal comes before any
   * of the upload's, and nothing is stored unless it passes. It runs beside the look-up of the bytes,
   * so the two reads share one round.
   */
  async accept(upload: UploadedImageFile | undefined, owner?: string, admitted: Promise<void> = Promise.resolve()): Promise<AcceptedImage> {
    const limits: UploadLimits = { maxBytes: this.config.values.maxUploadBytes, maxPixels: this.config.values.maxImagePixels };
    let file: UploadedImageFile;
    try {
      ({ file } = checkUpload(upload, limits));
    } catch (refused) {
      await admitted;
      throw refused;
    }
    const [, known] = await Promise.all([admitted, this.findWithOwner(sha256Hex(file.buffer), owner)]);
    if (known) {
      if (owner && !known.owned) await this.addOwner(known.image.image_id, owner);
      return { image: known.image, created: false };
    }
    const inspected = await inspectUpload(file, limits);
    const normalised = await normaliseImage(inspected.original, limits.maxPixels);
    const accepted = await this.store(inspected.original, inspected.mimeType, inspected.width, inspected.height, normalised);
    await this.recordOwner(accepted.image.image_id, owner);
    return accepted;
  }

  /** Images are shared by content; each user who uploaded one may see it (image_owners). */
  async recordOwner(imageId: string, owner: string | undefined): Promise<void> {
    if (!owner) return;
    // Read first: the same user uploading the same image again (the common case) costs no write.
    const known = await this.db.selectFrom('image_owners').select('owner').where('image_id', '=', imageId).where('owner', '=', owner).executeTakeFirst();
    if (!known) await this.addOwner(imageId, owner);
  }

  private async addOwner(imageId: string, owner: string): Promise<void> {
    await this.db.insertInto('image_owners').values({ image_id: imageId, owner }).onConflict((oc) => oc.columns(['image_id', 'owner']).doNothing()).execute();
  }

  /** A stored image, and whether `owner` has it already (no owner: nothing to record), in one read: the upload path. */
  private async findWithOwner(imageId: string, owner: string | undefined): Promise<{ image: ImageRecord; owned: boolean } | undefined> {
    if (!owner) {
      const image = await this.find(imageId);
      return image && { image, owned: true };
    }
    const row = await this.db
      .selectFrom('images')
      .selectAll('images')
      .select((eb) =>
        eb.exists(eb.selectFrom('image_owners').select('image_owners.owner').whereRef('image_owners.image_id', '=', 'images.image_id').where('image_owners.owner', '=', owner)).as('owned'),
      )
      .where('images.image_id', '=', imageId)
      .executeTakeFirst();
    if (!row) return undefined;
    const { owned, ...image } = row;
    // SQLite answers 1 or 0, PostgreSQL a boolean.
    return { image, owned: Boolean(Number(owned)) };
  }

  /** The image when `scope` may see it: a member, only images it uploaded (or made); others' are as if they did not exist. */
  async visible(imageId: string, scope: AccessScope): Promise<ImageRecord> {
    const image = await this.get(imageId);
    if (scope.owner !== undefined) {
      const mine = await this.db.selectFrom('image_owners').select('owner').where('image_id', '=', imageId).where('owner', '=', scope.owner).executeTakeFirst();
      if (!mine) throw new NotFoundError(`No image with id "${imageId}".`);
    }
    return image;
  }

  /** Stores an image Atelier made itself (a generated picture); like an upload, its first analysis normalises it. */
  async storeGenerated(data: Buffer, width: number, height: number): Promise<AcceptedImage> {
    const mimeType = sniffImageType(data) ?? 'image/png';
    return this.store(data, mimeType, width, height);
  }

  async get(imageId: string): Promise<ImageRecord> {
    const row = await this.find(imageId);
    if (!row) throw new NotFoundError(`No image with id "${imageId}".`);
    return row;
  }

  find(imageId: string): Promise<ImageRecord | undefined> {
    return this.db.selectFrom('images').selectAll().where('image_id', '=', imageId).executeTakeFirst();
  }

  async original(imageId: string): Promise<ImageBytes> {
    const image = await this.get(imageId);
    return { data: await this.blob(image.sha256, imageId), mimeType: image.mime_type };
  }

  /** Whether the row points at a normalised copy (rather than at the original, until the first analysis). */
  isNormalised(image: ImageRecord): boolean {
    return image.normalized_sha256 !== image.sha256;
  }

  /** The stored copy a model sees (oriented, without metadata, at most 2048 px) once ImagePreparation made it. */
  async normalised(imageId: string): Promise<ImageBytes> {
    const image = await this.get(imageId);
    const data = await this.blob(image.normalized_sha256, imageId);
    return { data, mimeType: sniffImageType(data) ?? 'image/jpeg' };
  }

  /** The stored thumbnail, or one made on demand until the generate_thumbnail job stored it. */
  async thumbnail(imageId: string): Promise<ImageBytes> {
    const image = await this.get(imageId);
    const stored = image.thumbnail_sha256 ? await this.blobs.get(image.thumbnail_sha256) : undefined;
    if (stored) return { data: stored, mimeType: THUMBNAIL_MIME_TYPE };
    return { data: await this.thumbnailOf(image), mimeType: THUMBNAIL_MIME_TYPE };
  }

  /** Makes and stores the thumbnail blob; the caller records it on the image (inside its transaction). */
  async makeThumbnailBlob(imageId: string): Promise<{ sha256: string; byteSize: number }> {
    const image = await this.get(imageId);
    const blob = await this.blobs.put(await withImageWorkSlot(() => this.thumbnailOf(image)), THUMBNAIL_MIME_TYPE);
    return { sha256: blob.sha256, byteSize: blob.byte_size };
  }

  /** Stores the normalised copy and points the image at it. */
  async recordNormalised(imageId: string, data: Buffer, mimeType: string): Promise<void> {
    const blob = await this.blobs.put(data, mimeType);
    await this.db.updateTable('images').set({ normalized_sha256: blob.sha256 }).where('image_id', '=', imageId).execute();
  }

  /** Joins the ambient transaction (the one that completes the thumbnail job). */
  async recordThumbnail(imageId: string, sha256: string): Promise<void> {
    await currentExecutor(this.db).updateTable('images').set({ thumbnail_sha256: sha256 }).where('image_id', '=', imageId).execute();
  }

  /** From the normalised copy when there is one, else from the original (orienting it). */
  private async thumbnailOf(image: ImageRecord): Promise<Buffer> {
    const source = await this.blob(image.normalized_sha256, image.image_id);
    try {
      return await makeThumbnail(source);
    } catch (err) {
      throw undecodableImage(`Image "${image.image_id}"`, source, err);
    }
  }

  private async store(original: Buffer, mimeType: string, width: number, height: number, normalised?: NormalisedImage): Promise<AcceptedImage> {
    const stored = await this.blobs.put(original, mimeType);
    const normalisedSha = normalised ? (await this.blobs.put(normalised.data, normalised.mimeType)).sha256 : stored.sha256;
    const row: ImageRecord = {
      image_id: stored.sha256,
      sha256: stored.sha256,
      mime_type: mimeType,
      width,
      height,
      byte_size: stored.byte_size,
      normalized_sha256: normalisedSha,
      thumbnail_sha256: null,
      created_at: new Date().toISOString(),
    };
    const inserted = await this.db
      .insertInto('images')
      .values(row)
      .onConflict((oc) => oc.column('image_id').doNothing())
      .returning('image_id')
      .executeTakeFirst();
    return { image: inserted ? row : await this.get(row.image_id), created: inserted !== undefined };
  }

  private async blob(sha256: string, imageId: string): Promise<Buffer> {
    const data = await this.blobs.get(sha256);
    if (!data) throw new NotFoundError(`The bytes of image "${imageId}" are missing from the blob store.`);
    return data;
  }
}
