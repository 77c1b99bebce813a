/** What the idempotency tests share: job-creating requests sent with an Idempotency-Key, over real HTTP. */
import { randomUUID } from 'node:crypto';
import { multipart, uniquePng, type Answer, type Caller } from '../access/access-harness';

export interface AnalyzeRequest {
  image: Buffer;
  analyzer?: string;
  /** Query string, e.g. "?async_mode=true" (the default); "" waits for the result. */
  query?: string;
  fields?: Record<string, string>;
}

/** A fresh key, as a client makes one per logical request. */
export const newKey = () => `test-${randomUUID()}`;

/** An analysis request with the key (each call encodes the form again, with a new multipart boundary). */
export async function analyzeWithKey(caller: Caller, key: string | undefined, request: AnalyzeRequest): Promise<Answer> {
  const form = await multipart({ image: request.image, ...request.fields });
  const path = `/api/analyzers/${request.analyzer ?? 'hair-color'}/analyze${request.query ?? '?async_mode=true'}`;
  return caller.call('POST', path, { body: form.body, contentType: form.contentType, headers: key === undefined ? {} : { 'idempotency-key': key } });
}

/** The analysis jobs this caller owns (a member sees only its own). */
export async function analysisJobs(caller: Caller): Promise<string[]> {
  return [...(await caller.jobIds('&type=analyze')), ...(await caller.jobIds('&type=comprehensive_analyze'))];
}

/** Asserts that `replay` is `first` again byte for byte, marked as a replay. */
export function expectReplayOf(replay: Answer, first: Answer): void {
  expect(replay.status).toBe(first.status);
  expect(replay.text).toBe(first.text);
  expect(replay.headers['content-type']).toBe(first.headers['content-type']);
  expect(replay.headers['location']).toBe(first.headers['location']);
  expect(replay.headers['content-length']).toBe(first.headers['content-length']);
  expect(replay.headers['idempotent-replayed']).toBe('true');
  expect(first.headers['idempotent-replayed']).toBeUndefined();
}

export { uniquePng };
