import sharp from 'sharp';
import { AtelierError } from '@atelier/platform';
import { normaliseImage } from './image-normaliser';
import { ImageUndecodableError } from './image-errors';
import { corruptPng, rotatedJpegWithExif, solidImage } from '../testing/test-images';

describe('normaliseImage', () => {
  it('normalises: EXIF orientation applied, metadata (GPS) stripped, long side capped at 2048', async () => {
    const source = await rotatedJpegWithExif(80, 40);
    expect((await sharp(source).metadata()).exif).toBeDefined();
    const rotated = await normaliseImage(source, 4_000_000);
    expect([rotated.width, rotated.height]).toEqual([40, 80]);
    const meta = await sharp(rotated.data).metadata();
    expect([meta.width, meta.height]).toEqual([40, 80]);
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();

    const big = await normaliseImage(await solidImage('#0000ff', 3000, 1000, 'jpeg'), 40_000_000);
    expect([big.width, big.height]).toEqual([2048, 683]);
  });

  it('keeps alpha as PNG, else answers JPEG', async () => {
    const withAlpha = await sharp({ create: { width: 10, height: 10, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.5 } } }).png().toBuffer();
    expect((await normaliseImage(withAlpha, 4_000_000)).mimeType).toBe('image/png');
    expect((await normaliseImage(await solidImage('#ffffff', 10, 10, 'png'), 4_000_000)).mimeType).toBe('image/jpeg');
  });

  it('fails a whole but corrupt file with a non-retryable image_undecodable error', async () => {
    const err = await normaliseImage(corruptPng(), 4_000_000).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ImageUndecodableError);
    expect(err).toMatchObject({ code: 'image_undecodable', status: 400, retryable: false });
    expect((err as AtelierError).message).toMatch(/cannot be decoded/);
  });
});
