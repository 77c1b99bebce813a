import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { QueueEventData } from '@atelier/contracts';
import { FakeEventSource } from '../../testing/fake-event-source';
import { makeJob } from '../../testing/job.factory';
import { EVENT_SOURCE_FACTORY } from './event-source-messages';
import { JobsStream } from './jobs-stream';
import { QueueEvents, type QueueStreamEvent } from './queue-events';

describe('QueueEvents', () => {
  beforeEach(() => {
    FakeEventSource.instances = [];
    vi.stubGlobal('EventSource', FakeEventSource);
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: EVENT_SOURCE_FACTORY, useValue: (url: string) => new FakeEventSource(url) as unknown as EventSource },
      ],
    });
  });

  afterEach(() => vi.unstubAllGlobals());

  const paused: QueueEventData = { type: 'analyze', paused: true, changed_at: '2025-01-01T10:00:00.000Z', changed_by: 'u1' };

  it('passes on the queue events of the job stream, once each, and none of the job events', () => {
    const seen: QueueStreamEvent[] = [];
    TestBed.inject(QueueEvents).events$.subscribe((e) => seen.push(e));
    const stream = TestBed.inject(JobsStream);
    stream.connect();
    const source = FakeEventSource.instances[0];
    source.open();
    source.emit('snapshot', '1', { jobs: [] });
    source.emit('job.created', '2', makeJob());
    source.emit('queue.paused', '3', paused);
    // A replay after a reconnect repeats the event: it was applied already.
    source.emit('queue.paused', '3', paused);
    source.emit('queue.resumed', '4', { ...paused, paused: false });

    expect(seen.map((e) => [e.id, e.event, e.data.type, e.data.paused])).toEqual([
      ['3', 'queue.paused', 'analyze', true],
      ['4', 'queue.resumed', 'analyze', false],
    ]);
    expect(stream.lastEventId()).toBe('4');
  });
});
