import { createHash } from 'node:crypto';

/** What of an uploaded file (multer's shape) the fingerprint covers. */
interface UploadedFileLike {
  fieldname: string;
  originalname?: string;
  size?: number;
  buffer?: Buffer;
  /** Hex SHA-256 of a file that waits on disk rather than in `buffer` (a batch's images). */
  sha256?: string;
}

/** The parts of a request the fingerprint is made of (an Express request has them all). */
export interface FingerprintedRequest {
  method: string;
  originalUrl: string;
  body?: unknown;
  file?: UploadedFileLike;
  files?: UploadedFileLike[] | Record<string, UploadedFileLike[]>;
}

/**
 * SHA-256 of what a request asks for: method, path, query (parameters sorted), the parsed body
 * fields (keys sorted), and each uploaded file's field, name and SHA-256 of its bytes. Parsed
 * rather than raw bytes: a multipart body's boundary is random, so the same upload sent again
 * (curl, fetch, any client retrying) has other raw bytes but the same fingerprint.
 */
export function requestFingerprint(req: FingerprintedRequest): string {
  const url = new URL(req.originalUrl, 'http://request.invalid');
  const query = [...url.searchParams.entries()].sort(([a, av], [b, bv]) => (a === b ? compare(av, bv) : compare(a, b)));
  const files = filesOf(req)
    .map((f) => ({ field: f.fieldname, name: f.originalname ?? null, size: f.size ?? f.buffer?.length ?? 0, sha256: f.sha256 ?? (f.buffer ? sha256(f.buffer) : null) }))
    .sort((a, b) => compare(`${a.field}\u0000${a.sha256}`, `${b.field}\u0000${b.sha256}`));
  const canonical = JSON.stringify([req.method.toUpperCase(), url.pathname, query, canonicalJson(req.body ?? null), files]);
  return sha256(Buffer.from(canonical, 'utf8'));
}

function filesOf(req: FingerprintedRequest): UploadedFileLike[] {
  const listed = Array.isArray(req.files) ? req.files : req.files ? Object.values(req.files).flat() : [];
  return req.file ? [req.file, ...listed] : listed;
}

/** The same value with every object's keys sorted, so that key order does not change the fingerprint. */
function canonicalJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalJson);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort(compare).map((k) => [k, canonicalJson((value as Record<string, unknown>)[k])]));
  }
  return value;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
