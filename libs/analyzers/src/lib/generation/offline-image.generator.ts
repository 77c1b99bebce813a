import sharp from 'sharp';
import { ImageGenerator, type GeneratedImage, type GenerationRequest } from './image-generator.port';
import { presetPalette } from './preset-prompt';
import { OFFLINE_MODEL, OFFLINE_PROVIDER } from '../providers/offline-vision.provider';

const SIZE = 768;
const FALLBACK = ['#4a4e69', '#9a8c98', '#c9ada7', '#f2e9e4'];

/**
 * Without a model, draws a clearly labelled procedural picture from the preset's palette:
 * diagonal bands of its colours and a caption saying it is an offline preview.
 */
export class OfflineImageGenerator extends ImageGenerator {
  readonly name = OFFLINE_PROVIDER;
  readonly model = OFFLINE_MODEL;

  async generate(request: GenerationRequest): Promise<GeneratedImage> {
    request.signal.throwIfAborted();
    const palette = presetPalette(request.preset.data).slice(0, 8);
    const colors = palette.length ? palette : FALLBACK;
    const data = await sharp(Buffer.from(svg(colors, request.preset.name))).png().toBuffer();
    request.signal.throwIfAborted();
    return { data, width: SIZE, height: SIZE, model: this.model };
  }
}

function svg(colors: string[], name: string): string {
  const band = (SIZE * 2) / colors.length;
  const bands = colors
    .map((c, i) => `<rect x="${i * band - SIZE}" y="-${SIZE}" width="${band + 1}" height="${SIZE * 3}" fill="${c}"/>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">
  <g transform="rotate(-30 ${SIZE / 2} ${SIZE / 2})">${bands}</g>
  <rect x="0" y="${SIZE - 120}" width="${SIZE}" height="120" fill="#000000" fill-opacity="0.65"/>
  <text x="24" y="${SIZE - 72}" font-family="sans-serif" font-size="30" font-weight="bold" fill="#ffffff">OFFLINE PREVIEW: not AI-generated</text>
  <text x="24" y="${SIZE - 30}" font-family="sans-serif" font-size="24" fill="#ffffff">${escapeXml(name).slice(0, 60)}</text>
</svg>`;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);
}
