import { PriorityQueue } from './priority-queue';

describe('PriorityQueue', () => {
  it('pops higher priority first and FIFO within a priority, and removes by id', () => {
    const q = new PriorityQueue();
    const entries = [
      { id: 'a', priority: 0, seq: 0 },
      { id: 'b', priority: 5, seq: 1 },
      { id: 'c', priority: 0, seq: 2 },
      { id: 'd', priority: 5, seq: 3 },
      { id: 'e', priority: -1, seq: 4 },
      { id: 'f', priority: 2, seq: 5 },
    ];
    entries.forEach((e) => q.push(e));
    expect(q.remove('c')).toBe(true);
    expect(q.remove('zzz')).toBe(false);
    const order: string[] = [];
    while (q.length) order.push(q.pop()!.id);
    expect(order).toEqual(['b', 'd', 'f', 'a', 'e']);
  });
});
