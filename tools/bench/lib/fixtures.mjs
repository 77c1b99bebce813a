// Test images made with sharp (deterministic noise, so JPEG cannot shrink it much), cached under dist/bench.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { require, root } from './workspace.mjs';

const DIR = join(root, 'dist/bench/fixtures');

/** A JPEG of about `kb` KB (within 10 %). */
export async function jpegOfSize(kb = 200) {
  const file = join(DIR, `photo-${kb}kb.jpg`);
  if (existsSync(file)) return readFileSync(file);
  const sharp = require('sharp');
  let side = 400;
  let out;
  for (let i = 0; i < 12; i++) {
    const pixels = Buffer.alloc(side * side * 3);
    let x = 12345;
    for (let p = 0; p < pixels.length; p++) {
      // A smooth gradient plus a little noise: photo-like, and the size follows the side length.
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      const px = Math.floor(p / 3);
      pixels[p] = ((px % side) + Math.floor(px / side) + (p % 3) * 60 + (x % 48)) & 0xff;
    }
    out = await sharp(pixels, { raw: { width: side, height: side, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
    const ratio = out.length / (kb * 1024);
    if (Math.abs(ratio - 1) < 0.1) break;
    side = Math.max(64, Math.round(side / Math.sqrt(ratio)));
  }
  mkdirSync(DIR, { recursive: true });
  writeFileSync(file, out);
  return out;
}

/** A multipart/form-data body with `image` and optional text fields. */
export function multipart(image, fields = {}, filename = 'photo.jpg') {
  const boundary = `----atelier-bench-${Date.now().toString(16)}`;
  const parts = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="${filename}"\r\nContent-Type: image/jpeg\r\n\r\n`));
  parts.push(image, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
