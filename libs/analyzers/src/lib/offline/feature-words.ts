import type { ImageFeatures } from './image-features';

/** Neutral wording for fields pixel statistics cannot answer. */
export const NOT_OFFLINE = 'not determined offline';

export function keyOf(f: ImageFeatures): string {
  if (f.brightness > 0.65) return 'high-key';
  if (f.brightness < 0.35) return 'low-key';
  return 'mid-key';
}

export function contrastOf(f: ImageFeatures): string {
  if (f.contrast > 0.55) return 'high contrast';
  if (f.contrast < 0.25) return 'low contrast';
  return 'moderate contrast';
}

export function temperatureOf(f: ImageFeatures): 'warm' | 'cool' | 'neutral' {
  if (f.warmth > 0.08) return 'warm';
  if (f.warmth < -0.08) return 'cool';
  return 'neutral';
}

export function saturationOf(f: ImageFeatures): string {
  if (f.saturation > 0.55) return 'vivid';
  if (f.saturation < 0.15) return 'muted, near-monochrome';
  return 'moderately saturated';
}

export function sharpnessOf(f: ImageFeatures): string {
  if (f.sharpness > 0.35) return 'crisp, detailed';
  if (f.sharpness < 0.08) return 'soft, low detail';
  return 'moderately sharp';
}

export function lightingOf(f: ImageFeatures): string {
  return `${keyOf(f)}, ${contrastOf(f)}, ${temperatureOf(f)} colour temperature (brightness ${pct(f.brightness)}, contrast ${pct(f.contrast)})`;
}

/** A mood read from brightness, saturation and warmth alone (the only honest inputs). */
export function moodOf(f: ImageFeatures): string {
  const bright = f.brightness > 0.55;
  const dark = f.brightness < 0.35;
  const vivid = f.saturation > 0.45;
  const temp = temperatureOf(f);
  if (dark && !vivid) return 'sombre, moody';
  if (dark) return temp === 'warm' ? 'intimate, dramatic' : 'mysterious, dramatic';
  if (bright && vivid) return temp === 'cool' ? 'fresh, lively' : 'cheerful, energetic';
  if (bright) return temp === 'cool' ? 'calm, airy' : 'gentle, soft';
  return vivid ? 'lively, balanced' : 'calm, understated';
}

export function paletteText(f: ImageFeatures, max = 4): string {
  if (f.palette.length === 0) return 'no opaque pixels';
  return f.palette
    .slice(0, max)
    .map((c) => `${c.name} ${c.hex} (${pct(c.share)})`)
    .join(', ');
}

export function mainColor(f: ImageFeatures): string {
  return f.palette[0]?.name ?? 'grey';
}

export function paletteSwatches(f: ImageFeatures, max = 5): string[] {
  return f.palette.slice(0, max).map((c) => c.hex);
}

export function titleCase(words: string): string {
  return words.replace(/\b[a-z]/g, (c) => c.toUpperCase());
}

/** The summary every offline output starts with, so no one mistakes it for a model's reading. */
export function offlineSummary(subject: string, f: ImageFeatures): string {
  return `Offline estimate (pixel statistics, no vision model) of the ${subject}: ${keyOf(f)}, ${temperatureOf(f)}, mostly ${mainColor(f)}; details that need a model are marked "${NOT_OFFLINE}".`;
}

export function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}
