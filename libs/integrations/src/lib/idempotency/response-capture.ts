import type { Response } from 'express';
import type { StoredAnswer } from './idempotency.store';

/** The headers a replay repeats; the others (rate limits, dates) belong to each request. */
export const REPLAYED_HEADERS = ['content-type', 'location'] as const;

/**
 * Holds the end of a response until `settle` has seen it exactly as it goes out (status, the
 * replayed headers, the body bytes), then lets it go. `settle` runs before the client has the
 * answer, so a client that retries after it has one always finds the key settled.
 */
export function captureResponse(res: Response, settle: (answer: StoredAnswer) => Promise<void>): void {
  const chunks: Buffer[] = [];
  const write = res.write;
  const end = res.end;
  res.write = function (this: Response, chunk: unknown, ...rest: unknown[]) {
    collect(chunks, chunk, rest[0]);
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as Response['write'];
  res.end = function (this: Response, ...args: unknown[]) {
    res.write = write;
    res.end = end;
    if (typeof args[0] !== 'function') collect(chunks, args[0], args[1]);
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = res.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    const send = () => (end as (...a: unknown[]) => Response).apply(res, args);
    // settle() reports its own failures; the answer goes out either way.
    settle({ status: res.statusCode, headers, body: Buffer.concat(chunks) }).then(send, send);
    return res;
  } as Response['end'];
}

function collect(chunks: Buffer[], chunk: unknown, encoding: unknown): void {
  if (chunk === undefined || chunk === null) return;
  if (typeof chunk === 'string') chunks.push(Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
  else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
}
