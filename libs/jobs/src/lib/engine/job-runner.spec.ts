import { raceAbort } from './job-runner';

describe('raceAbort', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeAll(() => process.on('unhandledRejection', onUnhandled));
  afterAll(() => process.off('unhandledRejection', onUnhandled));
  beforeEach(() => (unhandled.length = 0));

  /** Lets pending rejections be reported (Node reports them after the microtask queue drains). */
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('rejects with the reason when the signal is already aborted, and still observes the abandoned work', async () => {
    for (let i = 0; i < 300; i++) {
      const controller = new AbortController();
      controller.abort('cancelled');
      // A handler that notices its aborted signal a moment later and throws, as real ones do.
      const work = new Promise((_, reject) => setImmediate(() => reject(new Error('handler saw the abort'))));
      await expect(raceAbort(work, controller.signal)).rejects.toBe('cancelled');
    }
    await settle();
    await settle();
    expect(unhandled).toEqual([]);
  });

  it('rejects when the signal aborts mid-way, and observes the work that rejects afterwards', async () => {
    const controller = new AbortController();
    let fail!: (e: Error) => void;
    const work = new Promise((_, reject) => (fail = reject));
    const raced = raceAbort(work, controller.signal);
    controller.abort('shutdown');
    await expect(raced).rejects.toBe('shutdown');
    fail(new Error('late'));
    await settle();
    expect(unhandled).toEqual([]);
  });

  it('settles with the work when the signal never aborts', async () => {
    await expect(raceAbort(Promise.resolve(42), new AbortController().signal)).resolves.toBe(42);
    await expect(raceAbort(Promise.reject(new Error('boom')), new AbortController().signal)).rejects.toThrow('boom');
  });
});
