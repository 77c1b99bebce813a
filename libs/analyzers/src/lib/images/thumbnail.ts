import sharp from 'sharp';

export const THUMBNAIL_SIZE = 256;
export const THUMBNAIL_MIME_TYPE = 'image/webp';

/** A 256 px (long side) WebP of an image. */
export function makeThumbnail(image: Buffer): Promise<Buffer> {
  return sharp(image, { autoOrient: true })
    .resize({ width: THUMBNAIL_SIZE, height: THUMBNAIL_SIZE, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 80 })
    .toBuffer();
}
