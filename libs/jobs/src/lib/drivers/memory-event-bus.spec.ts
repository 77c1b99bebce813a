import { MemoryEventBus } from './memory-event-bus';

const deleted = (job_id: string) => ({ event: 'job.deleted' as const, data: { job_id } });

describe('MemoryEventBus', () => {
  it('assigns increasing ids and replays what came after a cursor', async () => {
    const bus = new MemoryEventBus(10, 1000);
    const start = bus.currentCursor();
    for (let i = 0; i < 3; i++) await bus.publish(deleted(`j${i}`));
    expect((await bus.since(start))!.map((e) => e.id)).toEqual(['1000', '1001', '1002']);
    expect((await bus.since('1001'))!.map((e) => e.id)).toEqual(['1002']);
    expect(await bus.since('1002')).toEqual([]);
  });

  it('answers undefined (snapshot needed) for cursors outside the ring or from another run', async () => {
    const bus = new MemoryEventBus(3, 1000);
    for (let i = 0; i < 6; i++) await bus.publish(deleted(`j${i}`));
    expect(await bus.since('1001')).toBeUndefined();
    expect((await bus.since('1002'))!.map((e) => e.id)).toEqual(['1003', '1004', '1005']);
    expect(await bus.since('5')).toBeUndefined();
    expect(await bus.since('99999')).toBeUndefined();
    expect(await bus.since('abc')).toBeUndefined();
  });
});
