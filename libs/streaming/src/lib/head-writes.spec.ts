import { HeadWrites } from './head-writes';
import { Pacer } from './pacer';
import { FakeSink } from './testing/fake-sink';

/** A response whose socket has not taken `unsent` bytes yet, as a ServerResponse past its high-water mark. */
class SlowSink extends FakeSink {
  writableNeedDrain = false;

  fill(unsent: number): void {
    this.writableLength = unsent;
    this.writableNeedDrain = true;
  }

  drain(): void {
    this.writableLength = 0;
    this.writableNeedDrain = false;
    this.emit('drain');
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('HeadWrites', () => {
  it('starts streams while their unsent heads fit the budget, and the next ones as earlier ones drain or close', async () => {
    const heads = new HeadWrites(new Pacer(), 250);
    const sinks = Array.from({ length: 5 }, () => new SlowSink());
    const started: number[] = [];
    const writes = sinks.map((sink, i) =>
      heads.write(sink, () => {
        started.push(i);
        sink.fill(100);
      }),
    );
    for (let i = 0; i < 5; i++) await settle();
    expect(started).toEqual([0, 1, 2]);

    sinks[0].drain();
    for (let i = 0; i < 5; i++) await settle();
    expect(started).toEqual([0, 1, 2, 3]);

    sinks[1].destroy();
    sinks[2].drain();
    await Promise.all(writes);
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });

  it('does not count a head its socket took at once', async () => {
    const heads = new HeadWrites(new Pacer(), 1);
    const started: number[] = [];
    await Promise.all(Array.from({ length: 3 }, (_, i) => heads.write(new SlowSink(), () => started.push(i))));
    expect(started).toEqual([0, 1, 2]);
  });

  it('goes on with the next stream when a start fails', async () => {
    const heads = new HeadWrites(new Pacer(), 100);
    const first = new SlowSink();
    const held = heads.write(first, () => first.fill(100));
    const failing = heads.write(new SlowSink(), () => {
      throw new Error('socket gone');
    });
    const after = heads.write(new SlowSink(), () => undefined);
    await held;
    first.drain();

    await expect(failing).rejects.toThrow('socket gone');
    await expect(after).resolves.toBeUndefined();
  });
});
