import { Worker } from 'node:worker_threads';

const INTERVAL_MS = 250;

// The worker's whole program: its own connection to the same file, checkpointing the WAL on a timer.
const PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (e) { parentPort.postMessage(String(e && e.message || e)); }
}, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); process.exit(0); });
`;

/**
 * Copies the WAL back into the database file from a worker thread. Left to SQLite, the commit that
 * crosses the auto-checkpoint threshold does it on the event loop, with an fsync: 12–50 ms stalls
 * a couple of times a second under load (measured by `npm run bench`, P1). A PASSIVE checkpoint
 * never blocks the writer; the main connection keeps a high auto-checkpoint threshold as a backstop.
 */
export class SqliteCheckpointer {
  private readonly worker: Worker;

  constructor(file: string, onError: (message: string) => void = () => undefined) {
    this.worker = new Worker(PROGRAM, { eval: true, workerData: { file, driver: require.resolve('better-sqlite3'), intervalMs: INTERVAL_MS } });
    this.worker.on('message', onError);
    this.worker.on('error', (e) => onError(e.message));
    this.worker.unref();
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    // Held while it stops: with nothing else pending, an unref'd worker would let the process end
    // before `stop()` settles, and whatever awaited it would never run.
    this.worker.ref();
    this.worker.postMessage('stop');
    await exited;
  }
}
