import sharp from 'sharp';
import { structuralDefect } from './image-structure';
import { rotatedJpegWithExif, solidImage } from '../testing/test-images';

const noisy = () => sharp({ create: { width: 120, height: 90, channels: 3, background: '#406080', noise: { type: 'gaussian', mean: 120, sigma: 50 } } });

describe('structuralDefect', () => {
  it('finds whole baseline and progressive JPEGs (with an EXIF block) complete, and a cut one incomplete', async () => {
    const baseline = await noisy().jpeg().toBuffer();
    const progressive = await noisy().jpeg({ progressive: true }).toBuffer();
    expect(structuralDefect(baseline, 'image/jpeg')).toBeUndefined();
    expect(structuralDefect(progressive, 'image/jpeg')).toBeUndefined();
    expect(structuralDefect(await rotatedJpegWithExif(), 'image/jpeg')).toBeUndefined();
    expect(structuralDefect(progressive.subarray(0, progressive.length - 2), 'image/jpeg')).toMatch(/FFD9/);
  });

  it('tolerates zero padding after the end marker, in every format', async () => {
    for (const format of ['jpeg', 'png', 'gif', 'webp'] as const) {
      const padded = Buffer.concat([await solidImage('#aa3300', 20, 10, format), Buffer.alloc(16)]);
      expect(structuralDefect(padded, `image/${format}`)).toBeUndefined();
    }
  });

  it('finds a PNG without IEND, a GIF without its trailer and a short WebP incomplete', async () => {
    const png = await noisy().png().toBuffer();
    const gif = await noisy().gif().toBuffer();
    const webp = await noisy().webp().toBuffer();
    expect(structuralDefect(png.subarray(0, png.length - 12), 'image/png')).toMatch(/IEND/);
    expect(structuralDefect(gif.subarray(0, gif.length - 1), 'image/gif')).toMatch(/trailer/);
    expect(structuralDefect(gif.subarray(0, Math.floor(gif.length / 2)), 'image/gif')).toMatch(/trailer/);
    expect(structuralDefect(webp.subarray(0, webp.length - 1), 'image/webp')).toMatch(/declares/);
  });
});
