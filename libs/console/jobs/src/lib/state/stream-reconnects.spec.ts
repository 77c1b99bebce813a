import { Subject } from 'rxjs';
import type { StreamConnection } from '@atelier/console/data-access';
import { streamReconnects } from './stream-reconnects';

describe('streamReconnects', () => {
  it('fires once per return of the stream, not on its first opening nor while it stays up', () => {
    const connection = new Subject<StreamConnection>();
    let fired = 0;
    streamReconnects(connection).subscribe(() => fired++);
    for (const state of ['idle', 'connecting', 'open', 'open'] as const) connection.next(state);
    expect(fired).toBe(0);
    connection.next('reconnecting');
    expect(fired).toBe(0);
    connection.next('open');
    expect(fired).toBe(1);
    for (const state of ['reconnecting', 'idle', 'connecting', 'open'] as const) connection.next(state);
    expect(fired).toBe(1);
  });
});
