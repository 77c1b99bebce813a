import { makeJob } from '@atelier/console/data-access/testing';
import { membersAfterLoad, nextDeparture, showsInPanel } from './panel-rule';

describe('the panel rule', () => {
  const since = '2025-01-01T12:00:00.000Z';

  it('shows every unfinished top-level job, members or not', () => {
    expect(showsInPanel(makeJob({ status: 'queued' }), new Set(), since)).toBe(true);
    expect(showsInPanel(makeJob({ status: 'running' }), new Set(), since)).toBe(true);
  });

  it('leaves out children (they show inside their parent) and background work', () => {
    expect(showsInPanel(makeJob({ status: 'running', parent_id: 'p' }), new Set(), since)).toBe(false);
    expect(showsInPanel(makeJob({ status: 'running', type: 'generate_thumbnail' }), new Set(), since)).toBe(false);
  });

  it('shows a finished job only while it is a member: a failure however old, a completion while recent', () => {
    const oldFailure = makeJob({ status: 'failed', finished_at: '2024-06-01T00:00:00.000Z' });
    const recent = makeJob({ status: 'completed', finished_at: '2025-01-01T12:00:30.000Z' });
    const old = makeJob({ status: 'cancelled', finished_at: '2025-01-01T11:59:59.000Z' });
    const members = new Set([oldFailure.job_id, recent.job_id, old.job_id]);
    expect(showsInPanel(oldFailure, members, since)).toBe(true);
    expect(showsInPanel(recent, members, since)).toBe(true);
    expect(showsInPanel(old, members, since)).toBe(false);
    expect(showsInPanel(recent, new Set(), since)).toBe(false);
  });

  it('knows when the next completed or cancelled member leaves', () => {
    const now = Date.parse('2025-01-01T12:01:00.000Z');
    const a = makeJob({ status: 'completed', finished_at: '2025-01-01T12:00:30.000Z' });
    const b = makeJob({ status: 'cancelled', finished_at: '2025-01-01T12:00:10.000Z' });
    const gone = makeJob({ status: 'completed', finished_at: '2025-01-01T11:00:00.000Z' });
    const failed = makeJob({ status: 'failed', finished_at: '2025-01-01T12:00:00.000Z' });
    const notMember = makeJob({ status: 'completed', finished_at: '2025-01-01T12:00:05.000Z' });
    const members = new Set([a.job_id, b.job_id, gone.job_id, failed.job_id]);
    expect(nextDeparture([a, b, gone, failed, notMember], members, 120_000, now)).toBe(Date.parse('2025-01-01T12:02:10.000Z'));
    expect(nextDeparture([failed], members, 120_000, now)).toBeNull();
  });

  it('after a load, takes the finished jobs of the answer and keeps what the stream said meanwhile', () => {
    const done = makeJob({ status: 'completed' });
    const dismissedMeanwhile = makeJob({ status: 'failed' });
    const running = makeJob({ status: 'running' });
    const members = membersAfterLoad([done, dismissedMeanwhile, running], { added: new Set(['finished-meanwhile']), removed: new Set([dismissedMeanwhile.job_id]) });
    expect([...members].sort()).toEqual([done.job_id, 'finished-meanwhile'].sort());
  });
});
