import { colorName, toHex, type Rgb } from './color-names';

export interface PaletteColor {
  hex: string;
  name: string;
  /** Fraction of the (opaque) pixels this colour covers, 0–1. */
  share: number;
}

interface Bin {
  count: number;
  r: number;
  g: number;
  b: number;
}

const LEVELS = 8; // 3 bits per channel: 512 bins
const MERGE_DISTANCE = 48;

/**
 * Dominant colours of raw RGBA pixels: median-free quantisation into 512 bins, bins with
 * close mean colours merged, the largest kept. Deterministic for the same pixels.
 */
export function dominantPalette(rgba: Uint8Array | Buffer, max = 5, minShare = 0.02): PaletteColor[] {
  const bins = new Map<number, Bin>();
  let total = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    if (rgba[i + 3] < 128) continue;
    const [r, g, b] = [rgba[i], rgba[i + 1], rgba[i + 2]];
    const key = ((r * LEVELS) >> 8) * LEVELS * LEVELS + ((g * LEVELS) >> 8) * LEVELS + ((b * LEVELS) >> 8);
    const bin = bins.get(key) ?? { count: 0, r: 0, g: 0, b: 0 };
    bin.count++;
    bin.r += r;
    bin.g += g;
    bin.b += b;
    bins.set(key, bin);
    total++;
  }
  if (total === 0) return [];
  const merged: Bin[] = [];
  for (const bin of [...bins.values()].sort((a, b) => b.count - a.count || a.r - b.r)) {
    const mean = meanOf(bin);
    const near = merged.find((m) => distance(meanOf(m), mean) < MERGE_DISTANCE);
    if (near) {
      near.count += bin.count;
      near.r += bin.r;
      near.g += bin.g;
      near.b += bin.b;
    } else {
      merged.push({ ...bin });
    }
  }
  return merged
    .sort((a, b) => b.count - a.count)
    .filter((bin) => bin.count / total >= minShare)
    .slice(0, max)
    .map((bin) => {
      const rgb = meanOf(bin);
      return { hex: toHex(rgb), name: colorName(rgb), share: round(bin.count / total) };
    });
}

function meanOf(bin: Bin): Rgb {
  return [bin.r / bin.count, bin.g / bin.count, bin.b / bin.count];
}

function distance(a: Rgb, b: Rgb): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
