import { PACE_SLICE_MS, Pacer } from './pacer';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('Pacer', () => {
  it('runs tasks at once until the slice is spent, then the rest one per turn of the event loop, in order', async () => {
    let clock = 0;
    const pacer = new Pacer(() => clock);
    const ran: number[] = [];
    const done = Array.from({ length: 6 }, (_, i) =>
      pacer.run(() => {
        ran.push(i);
        clock += PACE_SLICE_MS / 2.5;
      }),
    );

    expect(ran).toEqual([0, 1, 2]);
    await nextTurn();
    expect(ran).toEqual([0, 1, 2, 3]);
    await nextTurn();
    expect(ran).toEqual([0, 1, 2, 3, 4]);
    await nextTurn();
    expect(ran).toEqual([0, 1, 2, 3, 4, 5]);
    await expect(Promise.all(done)).resolves.toBeDefined();
  });

  it('opens a new slice once the queue is empty and a turn has passed', async () => {
    let clock = 0;
    const pacer = new Pacer(() => clock);
    const ran: string[] = [];
    void pacer.run(() => {
      ran.push('a');
      clock += PACE_SLICE_MS;
    });
    void pacer.run(() => ran.push('b'));
    expect(ran).toEqual(['a']);
    await nextTurn();
    expect(ran).toEqual(['a', 'b']);
    await nextTurn();

    void pacer.run(() => ran.push('c'));
    expect(ran).toEqual(['a', 'b', 'c']);
  });

  it('hands a task its own error, and goes on with the others', async () => {
    let clock = 0;
    const pacer = new Pacer(() => clock);
    const failing = pacer.run(() => {
      clock += PACE_SLICE_MS;
      throw new Error('socket gone');
    });
    const queued = pacer.run(() => undefined);

    await expect(failing).rejects.toThrow('socket gone');
    await expect(queued).resolves.toBeUndefined();
  });
});
