import { Subject } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import type { StreamConnection } from '@atelier/console/data-access';
import { liveRefresh, reconnected } from './live-refresh';

describe('liveRefresh', () => {
  const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

  it('reads at once on the first event, then at most once per gap, including after the last burst', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const events = cold('a 99ms b 99ms c 3s d 10s e');
      expectObservable(liveRefresh([events], 1000)).toBe('x 999ms x 2200ms x 10s x', { x: undefined });
    });
  });

  it('stays silent while nothing happens', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(liveRefresh([cold('10s |')], 1000)).toBe('10s |');
    });
  });

  it('takes its triggers from several sources', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(liveRefresh([cold('a'), cold('2s b')], 1000)).toBe('x 1999ms x', { x: undefined });
    });
  });
});

describe('reconnected', () => {
  it('emits when the stream opens again after a drop, not when it first opens', () => {
    const connection = new Subject<StreamConnection>();
    let count = 0;
    reconnected(connection).subscribe(() => count++);
    for (const state of ['idle', 'connecting', 'open', 'reconnecting', 'reconnecting', 'open', 'open'] as const) connection.next(state);
    expect(count).toBe(1);
  });
});
