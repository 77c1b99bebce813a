// openLoop (open-loop.mjs) on a worker thread of its own. Its timers and garbage collection are its
// own, so a bench process that holds large data (P9, after seeding a million rows) does not delay
// the requests it times, and a stall it measures is the server's. Measured before the move: P9's
// slowest samples came in runs of consecutive requests while the bench's own event loop stalled for
// up to 45 ms.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { openLoop } from './open-loop.mjs';

/** openLoop(options), run on a new worker thread; resolves with its result. */
export function openLoopOnThread(options) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { openLoop: options } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`the open-loop thread exited with code ${code}`)));
  });
}

if (!isMainThread && workerData?.openLoop) parentPort.postMessage(await openLoop(workerData.openLoop));
