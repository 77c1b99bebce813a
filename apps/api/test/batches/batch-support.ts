/** What the batch tests share: distinct small images and a batch request over real HTTP. */
import sharp from 'sharp';
import type { Test } from 'supertest';
import type { AnalyzerTestApp } from '../analyzers/support/analyzer-app';

let made = 0;

/** A tiny image no other call returns (images are stored by content): PNG or JPEG, alternately. */
export async function distinctImage(): Promise<{ data: Buffer; name: string }> {
  const n = ++made;
  const background = { r: (n * 37) % 256, g: (n * 91) % 256, b: Math.floor(n / 7) % 256 };
  const image = sharp({ create: { width: 16 + (n % 13), height: 12 + (n % 7), channels: 3, background } });
  return n % 2 ? { data: await image.png().toBuffer(), name: `image-${n}.png` } : { data: await image.jpeg().toBuffer(), name: `image-${n}.jpg` };
}

export async function distinctImages(count: number): Promise<{ data: Buffer; name: string }[]> {
  const images = [];
  for (let i = 0; i < count; i++) images.push(await distinctImage());
  return images;
}

/** POST /api/batches with these files and form fields. */
export function postBatch(t: AnalyzerTestApp, files: { data: Buffer; name: string }[], fields: Record<string, string> = {}): Test {
  let req = t.http.post('/api/batches');
  for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
  for (const file of files) req = req.attach('images', file.data, file.name);
  return req;
}

/** A batch's multipart body (every file in the field "images"), for callers that send raw bodies. */
export async function batchForm(count: number, fields: Record<string, string>): Promise<{ body: Buffer; contentType: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const image of await distinctImages(count)) form.append('images', new Blob([new Uint8Array(image.data)]), image.name);
  const encoded = new Response(form);
  return { body: Buffer.from(await encoded.arrayBuffer()), contentType: encoded.headers.get('content-type')! };
}
