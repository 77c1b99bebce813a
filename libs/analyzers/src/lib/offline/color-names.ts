/** Plain-language names and hex codes for measured colours. */
export type Rgb = readonly [number, number, number];

export function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((v) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, '0')).join('')}`;
}

export interface Hsl {
  h: number;
  s: number;
  l: number;
}

export function toHsl([r, g, b]: Rgb): Hsl {
  const [rn, gn, bn] = [r / 255, g / 255, b / 255];
  const max = Math.max(rn, gn, bn);
  const min = Math.min(rn, gn, bn);
  const l = (max + min) / 2;
  if (max === min) return { h: 0, s: 0, l };
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  let h: number;
  if (max === rn) h = ((gn - bn) / d + (gn < bn ? 6 : 0)) * 60;
  else if (max === gn) h = ((bn - rn) / d + 2) * 60;
  else h = ((rn - gn) / d + 4) * 60;
  return { h, s, l };
}

const HUES: [number, string][] = [
  [15, 'red'],
  [45, 'orange'],
  [70, 'yellow'],
  [160, 'green'],
  [195, 'teal'],
  [255, 'blue'],
  [290, 'purple'],
  [335, 'pink'],
  [360, 'red'],
];

/** "red", "dark blue", "light grey"…: hue family plus a lightness word. */
export function colorName(rgb: Rgb): string {
  const { h, s, l } = toHsl(rgb);
  if (l < 0.08) return 'black';
  if (l > 0.93) return 'white';
  if (s < 0.15) return l < 0.35 ? 'dark grey' : l > 0.7 ? 'light grey' : 'grey';
  let family = HUES.find(([limit]) => h < limit)?.[1] ?? 'red';
  if ((family === 'orange' || family === 'yellow') && l < 0.35) family = 'brown';
  if (family === 'red' && l < 0.3 && s < 0.5) family = 'brown';
  const shade = l < 0.3 ? 'dark ' : l > 0.75 ? 'light ' : '';
  return `${shade}${family}`;
}

/** The hue family alone ("red" for "dark red"), for comparisons. */
export function colorFamily(rgb: Rgb): string {
  return colorName(rgb).replace(/^(dark|light) /, '');
}
