import type { QueueEventData, QueueInfo } from '@atelier/contracts';

/** The newer word on a queue's paused state: the change with the later `changed_at` wins. */
function newerState(current: QueueInfo, incoming: Pick<QueueInfo, 'paused' | 'changed_at' | 'changed_by'>): Pick<QueueInfo, 'paused' | 'changed_at' | 'changed_by'> {
  const older = current.changed_at !== null && (incoming.changed_at === null || incoming.changed_at < current.changed_at);
  const newer = older ? current : incoming;
  return { paused: newer.paused, changed_at: newer.changed_at, changed_by: newer.changed_by };
}

/**
 * Queues as read from the server, keeping a pause or resume the page already knows of that is
 * newer than the answer (a queue event that overtook the request).
 */
export function mergeQueues(current: readonly QueueInfo[] | null, fresh: readonly QueueInfo[]): QueueInfo[] {
  return fresh.map((queue) => {
    const known = current?.find((q) => q.type === queue.type);
    return known ? { ...queue, ...newerState(known, queue) } : queue;
  });
}

/** A queue's answer to pause or resume, put in its place. */
export function replaceQueue(current: readonly QueueInfo[] | null, queue: QueueInfo): QueueInfo[] | null {
  return current && current.map((q) => (q.type === queue.type ? { ...queue, ...newerState(q, queue) } : q));
}

/** A `queue.paused` / `queue.resumed` event applied: its paused state, unless the page knows a newer one. */
export function applyQueueEvent(current: readonly QueueInfo[] | null, event: QueueEventData): QueueInfo[] | null {
  return current && current.map((q) => (q.type === event.type ? { ...q, ...newerState(q, event) } : q));
}
