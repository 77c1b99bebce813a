import sharp from 'sharp';
import { withImageWorkSlot } from '../images/image-work-gate';
import { dominantPalette, type PaletteColor } from './palette';

/** What the offline provider can honestly know about an image: measured, not guessed. */
export interface ImageFeatures {
  width: number;
  height: number;
  orientation: 'landscape' | 'portrait' | 'square';
  /** Dominant colours, largest share first. */
  palette: PaletteColor[];
  /** Mean luminance, 0 (black) – 1 (white). */
  brightness: number;
  /** Spread of luminance, 0 (flat) – 1 (extreme). */
  contrast: number;
  /** Mean colour saturation, 0 (greyscale) – 1. */
  saturation: number;
  /** Red against blue balance, -1 (cool) – 1 (warm). */
  warmth: number;
  /** Edge energy, 0 (soft or flat) – 1 (very crisp). */
  sharpness: number;
}

const SAMPLE = 256;

/** Measures an (already validated) image with sharp. Deterministic for the same bytes. */
export function measureImage(image: Buffer): Promise<ImageFeatures> {
  return withImageWorkSlot(() => measure(image));
}

async function measure(image: Buffer): Promise<ImageFeatures> {
  const meta = await sharp(image, { autoOrient: true }).metadata();
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  const { data } = await sharp(image, { autoOrient: true })
    .resize({ width: SAMPLE, height: SAMPLE, fit: 'inside' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const grey = await sharp(image, { autoOrient: true })
    .resize({ width: SAMPLE, height: SAMPLE, fit: 'inside' })
    .flatten({ background: '#ffffff' })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });

  const tones = measureTones(data);
  return {
    width,
    height,
    orientation: Math.abs(width - height) <= Math.max(width, height) * 0.05 ? 'square' : width > height ? 'landscape' : 'portrait',
    palette: dominantPalette(data),
    ...tones,
    sharpness: round(laplacianSharpness(grey.data, grey.info.width, grey.info.height)),
  };
}

function measureTones(rgba: Buffer): Pick<ImageFeatures, 'brightness' | 'contrast' | 'saturation' | 'warmth'> {
  let n = 0;
  let lumaSum = 0;
  let lumaSq = 0;
  let satSum = 0;
  let warmSum = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    if (rgba[i + 3] < 128) continue;
    const [r, g, b] = [rgba[i], rgba[i + 1], rgba[i + 2]];
    const luma = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    const max = Math.max(r, g, b);
    lumaSum += luma;
    lumaSq += luma * luma;
    satSum += max === 0 ? 0 : (max - Math.min(r, g, b)) / max;
    warmSum += (r - b) / 255;
    n++;
  }
  if (n === 0) return { brightness: 0, contrast: 0, saturation: 0, warmth: 0 };
  const mean = lumaSum / n;
  const sd = Math.sqrt(Math.max(0, lumaSq / n - mean * mean));
  return { brightness: round(mean), contrast: round(Math.min(1, sd / 0.5)), saturation: round(satSum / n), warmth: round(warmSum / n) };
}

/** Standard deviation of the Laplacian of the luminance, scaled to 0–1. */
function laplacianSharpness(grey: Buffer, w: number, h: number): number {
  if (w < 3 || h < 3) return 0;
  let n = 0;
  let sum = 0;
  let sq = 0;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const lap = grey[i - w] + grey[i + w] + grey[i - 1] + grey[i + 1] - 4 * grey[i];
      sum += lap;
      sq += lap * lap;
      n++;
    }
  }
  const mean = sum / n;
  const sd = Math.sqrt(Math.max(0, sq / n - mean * mean));
  return Math.min(1, sd / 60);
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
