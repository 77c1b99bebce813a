import sharp from 'sharp';
import { AtelierError } from '@atelier/platform';
import { inspectUpload, type UploadLimits } from './image-inspector';
import { bombPng, rotatedJpegWithExif, solidImage } from '../testing/test-images';

const limits: UploadLimits = { maxBytes: 1_000_000, maxPixels: 4_000_000 };
const file = (buffer: Buffer, originalname = 'photo.png') => ({ buffer, size: buffer.length, originalname });

async function statusOf(promise: Promise<unknown>): Promise<number> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AtelierError);
  return (err as AtelierError).status;
}

describe('inspectUpload', () => {
  it.each(['png', 'jpeg', 'webp', 'gif'] as const)('accepts a %s by its content', async (format) => {
    const image = await inspectUpload(file(await solidImage('#ff0000', 30, 20, format), 'no-extension'), limits);
    expect(image.mimeType).toBe(`image/${format}`);
    expect([image.width, image.height]).toEqual([30, 20]);
  });

  it('refuses a missing, an empty and a too large upload', async () => {
    expect(await statusOf(inspectUpload(undefined, limits))).toBe(400);
    expect(await statusOf(inspectUpload(file(Buffer.alloc(0)), limits))).toBe(400);
    expect(await statusOf(inspectUpload(file(Buffer.alloc(2_000_000, 1)), limits))).toBe(413);
  });

  it('refuses text named .png as an unsupported media type', async () => {
    expect(await statusOf(inspectUpload(file(Buffer.from('hello, I am not a picture')), limits))).toBe(415);
  });

  it('refuses truncated PNG and JPEG files', async () => {
    const png = await solidImage('#00ff00', 200, 200, 'png');
    const jpeg = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#123456', noise: { type: 'gaussian', mean: 100, sigma: 40 } } })
      .jpeg()
      .toBuffer();
    expect(await statusOf(inspectUpload(file(png.subarray(0, png.length - 30)), limits))).toBe(400);
    expect(await statusOf(inspectUpload(file(jpeg.subarray(0, Math.floor(jpeg.length / 2))), limits))).toBe(400);
  });

  it('refuses a decompression bomb by its header, before decoding', async () => {
    const bomb = bombPng();
    expect((await sharp(bomb, { limitInputPixels: false }).metadata()).width).toBe(8000);
    expect(bomb.length).toBeLessThan(limits.maxBytes);
    expect(await statusOf(inspectUpload(file(bomb), limits))).toBe(413);
  });

  it('reads displayed dimensions from the header: EXIF orientation applied, nothing decoded', async () => {
    const rotated = await inspectUpload(file(await rotatedJpegWithExif(80, 40)), limits);
    expect([rotated.width, rotated.height]).toEqual([40, 80]);
  });

  it('refuses truncated GIF and WebP files, and accepts bytes after a JPEG end marker', async () => {
    const gif = await solidImage('#ff00ff', 60, 40, 'gif');
    const webp = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#123456', noise: { type: 'gaussian', mean: 100, sigma: 40 } } })
      .webp()
      .toBuffer();
    expect(await statusOf(inspectUpload(file(gif.subarray(0, gif.length - 1)), limits))).toBe(400);
    expect(await statusOf(inspectUpload(file(webp.subarray(0, webp.length - 100)), limits))).toBe(400);
    const jpeg = await solidImage('#ff00ff', 60, 40, 'jpeg');
    const trailer = Buffer.concat([jpeg, Buffer.from('ftypmp42 motion photo trailer')]);
    expect((await inspectUpload(file(trailer), limits)).mimeType).toBe('image/jpeg');
  });
});
