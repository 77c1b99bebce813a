/**
 * Background image work (normalising, stored thumbnails, offline measurements) runs at most
 * IMAGE_WORK_SLOTS pipelines at a time. sharp runs on libuv's thread pool (4 threads), which the
 * request path also needs (header reads, file writes); a burst of analyses must not take all of it.
 */
export const IMAGE_WORK_SLOTS = 2;

let running = 0;
const waiting: Array<() => void> = [];

export async function withImageWorkSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= IMAGE_WORK_SLOTS) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}
