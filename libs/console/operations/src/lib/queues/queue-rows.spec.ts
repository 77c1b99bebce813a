import { makeQueue } from '../../testing/operations.factory';
import { applyQueueEvent, mergeQueues, replaceQueue } from './queue-rows';

describe('queue rows', () => {
  const at = (s: number) => `2025-01-01T10:00:${String(s).padStart(2, '0')}.000Z`;

  it('applies a pause event to its queue only', () => {
    const rows = [makeQueue({ type: 'analyze' }), makeQueue({ type: 'batch' })];
    const after = applyQueueEvent(rows, { type: 'analyze', paused: true, changed_at: at(5), changed_by: 'u1' });
    expect(after?.map((q) => [q.type, q.paused, q.changed_at, q.changed_by])).toEqual([
      ['analyze', true, at(5), 'u1'],
      ['batch', false, null, null],
    ]);
    expect(applyQueueEvent(null, { type: 'analyze', paused: true, changed_at: at(5), changed_by: null })).toBeNull();
  });

  it('ignores an event older than the state it already shows (a replay)', () => {
    const rows = [makeQueue({ type: 'analyze', paused: false, changed_at: at(9), changed_by: 'u2' })];
    expect(applyQueueEvent(rows, { type: 'analyze', paused: true, changed_at: at(5), changed_by: 'u1' })?.[0]).toMatchObject({ paused: false, changed_at: at(9) });
  });

  it('takes counts from a fresh answer but keeps a newer pause that overtook it', () => {
    const shown = [makeQueue({ type: 'analyze', paused: true, changed_at: at(7), changed_by: 'u1', queued: 1 })];
    const stale = [makeQueue({ type: 'analyze', paused: false, changed_at: null, queued: 4 }), makeQueue({ type: 'batch', queued: 2 })];
    expect(mergeQueues(shown, stale)).toEqual([
      makeQueue({ type: 'analyze', paused: true, changed_at: at(7), changed_by: 'u1', queued: 4 }),
      makeQueue({ type: 'batch', queued: 2 }),
    ]);
    const newer = [makeQueue({ type: 'analyze', paused: false, changed_at: at(8), changed_by: 'u2', queued: 0 })];
    expect(mergeQueues(shown, newer)).toEqual(newer);
  });

  it("puts a pause's answer in its place", () => {
    const rows = [makeQueue({ type: 'analyze' }), makeQueue({ type: 'batch' })];
    const answer = makeQueue({ type: 'batch', paused: true, changed_at: at(3), changed_by: 'me', queued: 6 });
    expect(replaceQueue(rows, answer)).toEqual([rows[0], answer]);
  });
});
