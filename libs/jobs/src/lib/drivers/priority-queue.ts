/** A binary heap: higher priority first, then first in, first out. */
export interface QueueEntry {
  id: string;
  priority: number;
  seq: number;
}

export class PriorityQueue {
  private readonly heap: QueueEntry[] = [];

  get length(): number {
    return this.heap.length;
  }

  peek(): QueueEntry | undefined {
    return this.heap[0];
  }

  push(entry: QueueEntry): void {
    this.heap.push(entry);
    this.up(this.heap.length - 1);
  }

  pop(): QueueEntry | undefined {
    const top = this.heap[0];
    const last = this.heap.pop();
    if (this.heap.length && last) {
      this.heap[0] = last;
      this.down(0);
    }
    return top;
  }

  remove(id: string): boolean {
    const i = this.heap.findIndex((e) => e.id === id);
    if (i < 0) return false;
    const last = this.heap.pop() as QueueEntry;
    if (i < this.heap.length) {
      this.heap[i] = last;
      this.down(i);
      this.up(i);
    }
    return true;
  }

  static before(a: QueueEntry, b: QueueEntry): boolean {
    return a.priority !== b.priority ? a.priority > b.priority : a.seq < b.seq;
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!PriorityQueue.before(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && PriorityQueue.before(h[l], h[m])) m = l;
      if (r < h.length && PriorityQueue.before(h[r], h[m])) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m], h[i]];
      i = m;
    }
  }
}
