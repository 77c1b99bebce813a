import type { JobType } from '@atelier/contracts';
import { JobDispatcher, type AbortReason, type DispatchHandler, type EnqueueOptions } from '../ports/job-dispatcher.port';
import { PriorityQueue } from './priority-queue';

export interface InProcessDispatcherOptions {
  concurrency: number;
  typeConcurrency: Partial<Record<string, number>>;
}

interface Running {
  controller: AbortController;
  done: Promise<void>;
}

/**
 * Embedded dispatch: one priority queue per job type, a global concurrency cap and per-type
 * caps. The queue only holds ids; the store is the truth, and recovery refills it at boot.
 */
export class InProcessDispatcher extends JobDispatcher {
  private readonly queues = new Map<string, PriorityQueue>();
  private readonly queued = new Set<string>();
  private readonly delayed = new Map<string, NodeJS.Timeout>();
  /** Handlers per job id: an id handed out twice (a retry while a late entry still runs) has two until one ends. */
  private readonly running = new Map<string, Set<Running>>();
  private runningTotal = 0;
  private readonly runningByType = new Map<string, number>();
  private handler?: DispatchHandler;
  private accepting = false;
  private seq = 0;
  private pumping = false;

  constructor(private readonly options: InProcessDispatcherOptions) {
    super();
  }

  async enqueue(jobId: string, { type, priority, delay }: EnqueueOptions): Promise<void> {
    // A running id may be enqueued again (a retry after backoff); the store's conditional start keeps it single.
    if (this.queued.has(jobId)) return;
    this.clearDelay(jobId);
    if (delay && delay > 0) {
      const timer = setTimeout(() => {
        this.delayed.delete(jobId);
        void this.enqueue(jobId, { type, priority });
      }, delay);
      timer.unref();
      this.delayed.set(jobId, timer);
      return;
    }
    let queue = this.queues.get(type);
    if (!queue) this.queues.set(type, (queue = new PriorityQueue()));
    queue.push({ id: `${type}\u0000${jobId}`, priority, seq: this.seq++ });
    this.queued.add(jobId);
    this.pump();
  }

  async cancel(jobId: string): Promise<void> {
    this.clearDelay(jobId);
    if (this.queued.delete(jobId)) {
      for (const [type, queue] of this.queues) queue.remove(`${type}\u0000${jobId}`);
    }
    for (const r of this.running.get(jobId) ?? []) r.controller.abort('cancelled' satisfies AbortReason);
  }

  async start(handler: DispatchHandler): Promise<void> {
    this.handler = handler;
    this.accepting = true;
    this.pump();
  }

  async stop(graceMs: number): Promise<void> {
    this.accepting = false;
    for (const timer of this.delayed.values()) clearTimeout(timer);
    this.delayed.clear();
    const handlers = () => [...this.running.values()].flatMap((set) => [...set]);
    const all = () => Promise.all(handlers().map((r) => r.done));
    if (this.runningTotal === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([all(), grace]);
    clearTimeout(timer);
    for (const r of handlers()) r.controller.abort('shutdown' satisfies AbortReason);
    await all();
  }

  runningCount(): number {
    return this.runningTotal;
  }

  isRunning(jobId: string): boolean {
    return this.running.has(jobId);
  }

  /** Ids waiting in memory (queued or delayed), for tests and metrics. */
  pendingCount(): number {
    return this.queued.size + this.delayed.size;
  }

  private clearDelay(jobId: string): void {
    const timer = this.delayed.get(jobId);
    if (timer) {
      clearTimeout(timer);
      this.delayed.delete(jobId);
    }
  }

  private capOf(type: string): number {
    return this.options.typeConcurrency[type] ?? this.options.concurrency;
  }

  /** Starts queued jobs while there is room: the best head among types that are under their cap. */
  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.accepting && this.handler && this.runningTotal < this.options.concurrency) {
        let best: { type: string; queue: PriorityQueue } | undefined;
        for (const [type, queue] of this.queues) {
          const head = queue.peek();
          if (!head || (this.runningByType.get(type) ?? 0) >= this.capOf(type)) continue;
          if (!best || PriorityQueue.before(head, best.queue.peek()!)) best = { type, queue };
        }
        if (!best) return;
        const entry = best.queue.pop()!;
        const jobId = entry.id.slice(best.type.length + 1);
        this.queued.delete(jobId);
        this.launch(jobId, best.type as JobType);
      }
    } finally {
      this.pumping = false;
    }
  }

  private launch(jobId: string, type: JobType): void {
    const controller = new AbortController();
    this.runningByType.set(type, (this.runningByType.get(type) ?? 0) + 1);
    this.runningTotal++;
    let mine = this.running.get(jobId);
    if (!mine) this.running.set(jobId, (mine = new Set()));
    const entry: Running = { controller, done: Promise.resolve() };
    // Registered before the handler starts: the job is never marked running in the store while isRunning() says no.
    mine.add(entry);
    const handler = this.handler!;
    entry.done = (async () => {
      try {
        await handler(jobId, type, controller.signal);
      } finally {
        mine.delete(entry);
        if (mine.size === 0 && this.running.get(jobId) === mine) this.running.delete(jobId);
        this.runningTotal--;
        this.runningByType.set(type, (this.runningByType.get(type) ?? 1) - 1);
        queueMicrotask(() => this.pump());
      }
    })();
  }
}
