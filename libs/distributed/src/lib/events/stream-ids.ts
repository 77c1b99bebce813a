/**
 * Redis stream ids ("<ms>-<seq>") as the decimal cursors the SSE layer compares as BigInt:
 * ms × 1 000 000 + seq. Both orders agree, so a cursor only ever increases.
 */
const SEQ_SPAN = 1_000_000n;

export function cursorOfStreamId(streamId: string): string {
  const m = /^(\d+)-(\d+)$/.exec(streamId);
  if (!m) throw new Error(`not a stream id: ${streamId}`);
  const seq = BigInt(m[2]);
  if (seq >= SEQ_SPAN) throw new Error(`stream id sequence out of range: ${streamId}`);
  return (BigInt(m[1]) * SEQ_SPAN + seq).toString();
}

/** Undefined when `cursor` is not a decimal cursor. */
export function streamIdOfCursor(cursor: string): string | undefined {
  if (!/^\d+$/.test(cursor)) return undefined;
  const n = BigInt(cursor);
  return `${n / SEQ_SPAN}-${n % SEQ_SPAN}`;
}

export function compareStreamIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(BigInt);
  const [bm, bs] = b.split('-').map(BigInt);
  if (am !== bm) return am < bm ? -1 : 1;
  return as === bs ? 0 : as < bs ? -1 : 1;
}
