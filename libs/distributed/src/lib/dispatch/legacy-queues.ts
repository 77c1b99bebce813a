import { JOB_TYPES, type JobType } from '@atelier/contracts';
import type { DispatchJob, QueueDriver } from './queue-driver';

/** The per-type queues of earlier versions (`jobs-<type>`), replaced by the one queue. */
export function legacyQueueNameOf(type: JobType): string {
  return `jobs-${type}`;
}

const WAITING = ['waiting', 'prioritized', 'delayed'] as const;
const PAGE = 200;

/**
 * Hands what the per-type queues of an earlier version still hold (waiting, prioritized, delayed)
 * over to the one queue through `readd`, then removes it there; entries an earlier worker is
 * running are left to it. Each entry is re-added before it is removed, so a stop in between
 * leaves a duplicate, which the store's conditional start makes harmless, never a loss.
 */
export async function migrateLegacyQueues(driver: QueueDriver, readd: (entry: DispatchJob, type: JobType) => Promise<void>): Promise<number> {
  let moved = 0;
  for (const type of JOB_TYPES) {
    const legacy = await driver.queue(legacyQueueNameOf(type));
    try {
      const counts = await legacy.getJobCounts(...WAITING);
      if (Object.values(counts).every((n) => !n)) continue;
      for (const state of WAITING) {
        // Entries that could not be removed stay in front; the next page starts after them.
        for (let kept = 0; ; ) {
          const page = await legacy.getJobs([state], kept, kept + PAGE - 1, true);
          for (const entry of page) {
            await readd(entry, type);
            // An earlier worker took it meanwhile: it runs there, and the duplicate is refused a second start.
            if (await entry.remove().then(() => true, () => false)) moved++;
            else kept++;
          }
          if (page.length < PAGE) break;
        }
      }
    } finally {
      await legacy.close().catch(() => undefined);
    }
  }
  return moved;
}
