import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { FakeEventSource, makeJob } from '@atelier/console/data-access/testing';
import { connectFakeStream } from '../../testing/fake-stream';
import { StreamRecovery } from './stream-recovery';

describe('StreamRecovery', () => {
  let recovery: StreamRecovery;

  beforeEach(() => {
    vi.useFakeTimers({ now: Date.parse('2025-01-01T12:00:00.000Z') });
    connectFakeStream();
    recovery = TestBed.inject(StreamRecovery);
    TestBed.tick();
  });

  afterEach(() => {
    TestBed.inject(MatSnackBar).dismiss();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('is stale from the moment the stream drops, and on reconnect says which running jobs recovery re-queued', async () => {
    const first = FakeEventSource.instances[0];
    first.open();
    TestBed.tick();
    const requeued = makeJob({ status: 'running', title: 'Hair color analysis', started_at: '2025-01-01T11:59:50.000Z' });
    const untouched = makeJob({ status: 'running', title: 'Makeup analysis', started_at: '2025-01-01T11:59:55.000Z' });
    first.emit('snapshot', '1', { jobs: [requeued, untouched] });
    expect(recovery.stale()).toBe(false);

    first.interrupt();
    TestBed.tick();
    expect(recovery.stale()).toBe(true);
    expect(recovery.lostAt()).toBe(Date.parse('2025-01-01T12:00:00.000Z'));

    // The first reconnect waits a jittered delay below one second.
    await vi.advanceTimersByTimeAsync(1000);
    const second = FakeEventSource.instances[1];
    second.open();
    TestBed.tick();
    expect(recovery.stale()).toBe(false);
    // The server restarted: a fresh snapshot, in which recovery put one job back in the queue.
    second.emit('snapshot', '1', { jobs: [{ ...requeued, status: 'queued', started_at: null }, untouched] });
    TestBed.tick();
    expect(recovery.lastReport()).toBeNull();
    await vi.advanceTimersByTimeAsync(1000);
    expect(recovery.lastReport()).toBe('Reconnected. Re-queued by recovery: Hair color analysis.');
    expect([...recovery.requeuedIds()]).toEqual([requeued.job_id]);
  });
});
