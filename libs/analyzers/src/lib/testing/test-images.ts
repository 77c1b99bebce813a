/** Small factories of real images for tests: solid colours, noise, stripes, and broken files. */
import sharp from 'sharp';
import { crc32, deflateSync } from 'node:zlib';

export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'gif';

export function solidImage(color: string, width = 64, height = 48, format: ImageFormat = 'png'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: color } })[format]().toBuffer();
}

/** Gaussian noise around a grey: lots of edges. */
export function noiseImage(width = 128, height = 128, sigma = 60): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma } } })
    .png()
    .toBuffer();
}

/** Vertical stripes of the given colours, equal widths. */
export async function stripesImage(colors: string[], width = 120, height = 60): Promise<Buffer> {
  const stripe = Math.floor(width / colors.length);
  const parts = await Promise.all(
    colors.map(async (color, i) => ({
      input: await sharp({ create: { width: stripe, height, channels: 3, background: color } }).png().toBuffer(),
      left: i * stripe,
      top: 0,
    })),
  );
  return sharp({ create: { width: stripe * colors.length, height, channels: 3, background: '#000000' } })
    .composite(parts)
    .png()
    .toBuffer();
}

/** A JPEG with EXIF orientation 6 (rotate 90° clockwise to display) and a GPS-bearing EXIF block. */
export function rotatedJpegWithExif(width = 80, height = 40): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#2050c0' } })
    .jpeg()
    .withMetadata({ orientation: 6, exif: { IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 0/1' } } })
    .toBuffer();
}

/**
 * A real decompression bomb: a valid greyscale PNG of width×height zero pixels whose deflated
 * body is about a thousandth of its decoded size (8000×8000 ≈ 64 MB decoded, ≈ 64 KB on the wire).
 */
export function bombPng(width = 8000, height = 8000): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, no interlace
  const raw = Buffer.alloc(height * (width + 1)); // each row: filter byte 0, then zeros
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A PNG whose container is whole (every chunk framed, CRCs right, IEND at the end) but whose
 * pixel data is not a deflate stream: it passes the upload checks and fails only when decoded.
 */
export function corruptPng(width = 64, height = 48): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', Buffer.from('these bytes are not a zlib stream at all, just text')),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}
