/** Turns a preset's free-form structured data into a readable tree: sections, tags and color swatches. */
export interface Swatch {
  readonly hex: string;
  readonly name?: string;
}

export type DataNode =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'swatches'; readonly swatches: readonly Swatch[] }
  | { readonly kind: 'tags'; readonly tags: readonly string[] }
  | { readonly kind: 'group'; readonly entries: readonly { readonly label: string; readonly node: DataNode }[] }
  | { readonly kind: 'list'; readonly items: readonly DataNode[] };

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

function asSwatch(value: unknown): Swatch | null {
  if (typeof value === 'string' && HEX.test(value)) return { hex: value };
  if (typeof value === 'object' && value !== null && 'hex' in value) {
    const { hex, name } = value as { hex: unknown; name?: unknown };
    if (typeof hex === 'string' && HEX.test(hex)) return { hex, name: typeof name === 'string' ? name : undefined };
  }
  return null;
}

export function humanizeKey(key: string): string {
  const words = key.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function toDataNode(value: unknown): DataNode {
  if (value === null || value === undefined) return { kind: 'text', text: '—' };
  const swatch = asSwatch(value);
  if (swatch) return { kind: 'swatches', swatches: [swatch] };
  if (Array.isArray(value)) {
    const swatches = value.map(asSwatch);
    if (value.length > 0 && swatches.every((s): s is Swatch => s !== null)) return { kind: 'swatches', swatches };
    if (value.every((v) => typeof v !== 'object' || v === null)) return { kind: 'tags', tags: value.map((v) => String(v ?? '—')) };
    return { kind: 'list', items: value.map(toDataNode) };
  }
  if (typeof value === 'object') {
    return { kind: 'group', entries: Object.entries(value).map(([key, v]) => ({ label: humanizeKey(key), node: toDataNode(v) })) };
  }
  return { kind: 'text', text: typeof value === 'number' ? String(Math.round(value * 1000) / 1000) : String(value) };
}
