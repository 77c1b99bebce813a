import type { Preset } from '@atelier/contracts';

const MAX_PROMPT = 4000;
const SKIP = new Set(['suggested_name', 'offline_note']);

/** Every #rrggbb in a preset's data, in order, without repeats. */
export function presetPalette(data: unknown): string[] {
  const found: string[] = [];
  const visit = (v: unknown): void => {
    if (typeof v === 'string' && /^#[0-9a-fA-F]{6}$/.test(v)) found.push(v.toLowerCase());
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(data);
  return [...new Set(found)];
}

/** A text-to-image prompt that carries a preset's attributes. */
export function presetPrompt(preset: Preset, extra?: string): string {
  const lines = [`Create an image with this ${preset.category.replace(/-/g, ' ')} (preset "${preset.name}").`];
  if (typeof preset.data['summary'] === 'string') lines.push(preset.data['summary']);
  for (const [key, value] of Object.entries(preset.data)) {
    if (SKIP.has(key) || key === 'summary') continue;
    lines.push(`${key.replace(/_/g, ' ')}: ${flatten(value)}`);
  }
  const palette = presetPalette(preset.data);
  if (palette.length) lines.push(`Colour palette: ${palette.join(', ')}.`);
  if (extra?.trim()) lines.push(extra.trim());
  return lines.join('\n').slice(0, MAX_PROMPT);
}

function flatten(value: unknown): string {
  if (Array.isArray(value)) return value.map(flatten).join('; ');
  if (value && typeof value === 'object') {
    return Object.entries(value)
      .map(([k, v]) => `${k.replace(/_/g, ' ')} ${flatten(v)}`)
      .join(', ');
  }
  return String(value);
}
