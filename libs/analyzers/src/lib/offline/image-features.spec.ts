import sharp from 'sharp';
import { measureImage } from './image-features';
import { noiseImage, solidImage, stripesImage } from '../testing/test-images';

describe('measureImage', () => {
  it('finds a red-dominant palette in a red image', async () => {
    const f = await measureImage(await solidImage('#d01818', 90, 60));
    expect(f.palette[0]).toMatchObject({ name: 'red', share: 1 });
    expect(f.palette[0].hex).toMatch(/^#[c-f][0-9a-f]1[0-9a-f]1[0-9a-f]$/);
    expect(f.warmth).toBeGreaterThan(0.5);
    expect(f.orientation).toBe('landscape');
    expect([f.width, f.height]).toEqual([90, 60]);
  });

  it('orders a two-colour palette by share', async () => {
    const f = await measureImage(await stripesImage(['#1030c0', '#1030c0', '#f0f0f0']));
    expect(f.palette.map((p) => p.name)).toEqual(['blue', 'white']);
    expect(f.palette[0].share).toBeCloseTo(2 / 3, 2);
    expect(f.warmth).toBeLessThan(0);
  });

  it('measures brightness, contrast and saturation of flat images', async () => {
    const white = await measureImage(await solidImage('#ffffff'));
    const black = await measureImage(await solidImage('#000000'));
    expect(white.brightness).toBe(1);
    expect(black.brightness).toBe(0);
    expect(white.contrast).toBe(0);
    expect(white.saturation).toBe(0);
    expect(white.sharpness).toBe(0);
  });

  it('rates noise sharper and more contrasted than its blurred copy', async () => {
    const noise = await noiseImage();
    const crisp = await measureImage(noise);
    const soft = await measureImage(await sharp(noise).blur(6).png().toBuffer());
    expect(crisp.sharpness).toBeGreaterThan(0.5);
    expect(soft.sharpness).toBeLessThan(crisp.sharpness / 4);
    expect(crisp.contrast).toBeGreaterThan(soft.contrast);
  });

  it('is deterministic and honours EXIF orientation for the dimensions', async () => {
    const tall = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#00ff00' } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const a = await measureImage(tall);
    expect(a).toEqual(await measureImage(tall));
    expect(a.orientation).toBe('portrait');
  });
});
