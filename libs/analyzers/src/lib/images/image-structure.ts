/**
 * Structural completeness of an upload, judged without decoding a pixel: walks the container
 * (JPEG markers, PNG chunks, GIF blocks, the WebP RIFF size) so a truncated file is refused in the
 * request. Bytes after the end marker are tolerated, as decoders do (e.g. motion-photo trailers).
 */
import type { ImageMimeType } from './image-type';

/** Answers why the file is incomplete, or undefined when its structure is whole. */
export function structuralDefect(data: Buffer, mimeType: ImageMimeType): string | undefined {
  switch (mimeType) {
    case 'image/jpeg':
      return jpegDefect(data);
    case 'image/png':
      return pngDefect(data);
    case 'image/gif':
      return gifDefect(data);
    case 'image/webp':
      return webpDefect(data);
  }
}

const EOI = 0xd9;
const SOS = 0xda;

/** Segments by their lengths; entropy-coded data is scanned for the next marker (FF00 and RSTn are data). */
function jpegDefect(data: Buffer): string | undefined {
  let pos = 2; // after SOI
  let inScan = false;
  while (pos < data.length) {
    if (inScan) {
      const ff = data.indexOf(0xff, pos);
      if (ff < 0 || ff + 1 >= data.length) break;
      const next = data[ff + 1];
      if (next === 0x00 || next === 0xff || (next >= 0xd0 && next <= 0xd7)) {
        pos = ff + 1;
        continue;
      }
      inScan = false;
      pos = ff;
    }
    if (data[pos] !== 0xff) {
      pos = data.indexOf(0xff, pos); // extraneous bytes between segments: skipped, as libjpeg does
      if (pos < 0) break;
    }
    const marker = data[pos + 1];
    if (marker === undefined) break;
    if (marker === 0xff) {
      pos += 1; // fill byte
      continue;
    }
    if (marker === EOI) return undefined;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      pos += 2; // markers without a length
      continue;
    }
    if (pos + 4 > data.length) break;
    const end = pos + 2 + data.readUInt16BE(pos + 2);
    if (end > data.length) break;
    inScan = marker === SOS;
    pos = end;
  }
  return 'the JPEG ends before its end-of-image marker (FFD9)';
}

function pngDefect(data: Buffer): string | undefined {
  let pos = 8;
  while (pos + 12 <= data.length) {
    const length = data.readUInt32BE(pos);
    const type = data.toString('latin1', pos + 4, pos + 8);
    const end = pos + 12 + length;
    if (end > data.length) break;
    if (type === 'IEND') return undefined;
    pos = end;
  }
  return 'the PNG ends before its IEND chunk';
}

function gifDefect(data: Buffer): string | undefined {
  const fail = 'the GIF ends before its trailer (0x3B)';
  if (data.length < 13) return fail;
  let pos = 13 + colourTableSize(data[10]);
  while (pos < data.length) {
    const block = data[pos];
    if (block === 0x3b) return undefined;
    if (block === 0x21) {
      pos = skipSubBlocks(data, pos + 2);
    } else if (block === 0x2c) {
      if (pos + 10 > data.length) return fail;
      pos = skipSubBlocks(data, pos + 10 + colourTableSize(data[pos + 9]) + 1); // + LZW minimum code size
    } else {
      return `unexpected GIF block 0x${block.toString(16)} at byte ${pos}`;
    }
    if (pos < 0) return fail;
  }
  return fail;
}

function colourTableSize(flags: number): number {
  return flags & 0x80 ? 3 * 2 ** ((flags & 0x07) + 1) : 0;
}

/** Position after a chain of data sub-blocks (ended by a zero-size block), or -1 when it runs out. */
function skipSubBlocks(data: Buffer, start: number): number {
  let pos = start;
  while (pos < data.length) {
    const size = data[pos];
    pos += 1 + size;
    if (size === 0) return pos;
  }
  return -1;
}

function webpDefect(data: Buffer): string | undefined {
  const declared = data.readUInt32LE(4) + 8;
  if (declared > data.length) return `the WebP declares ${declared} bytes but has ${data.length}`;
  if (declared < 20) return 'the WebP has no image chunk';
  return undefined;
}
