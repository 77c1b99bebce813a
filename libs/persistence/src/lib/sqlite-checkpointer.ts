import { Worker } from 'node:worker_threads';
import { RepeatGate } from './storage/repeat-gate';

const INTERVAL_MS = 250;
/** A checkpoint that keeps failing the same way is reported again only this often. */
const REPEAT_REPORT_MS = 30_000;

// The worker's whole program: its own connection to the same file, checkpointing the WAL on a timer.
// It posts each failure, and one `null` when checkpoints work again.
const PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
let failing = false;
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    if (failing) parentPort.postMessage(null);
    failing = false;
  } catch (e) {
    failing = true;
    parentPort.postMessage({ code: e && e.code, message: String(e && e.message || e) });
  }
}, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); process.exit(0); });
`;

export interface CheckpointFailure {
  code?: string;
  message: string;
  /** Failures like this one since it was last reported. */
  repeats: number;
}

/**
 * Copies the WAL back into the database file from a worker thread. Left to SQLite, the commit that
 * crosses the auto-checkpoint threshold does it on the event loop, with an fsync: 12–50 ms stalls
 * a couple of times a second under load (measured by `npm run bench`, P1). A PASSIVE checkpoint
 * never blocks the writer; the main connection keeps a high auto-checkpoint threshold as a backstop.
 * A failure (a full disk fails every tick) is reported when it starts or changes, then twice a minute.
 */
export class SqliteCheckpointer {
  private readonly worker: Worker;
  private readonly gate = new RepeatGate(REPEAT_REPORT_MS);
  private failed = 0;

  constructor(file: string, onError: (failure: CheckpointFailure) => void = () => undefined) {
    this.worker = new Worker(PROGRAM, { eval: true, workerData: { file, driver: require.resolve('better-sqlite3'), intervalMs: INTERVAL_MS } });
    this.worker.on('message', (failure: Omit<CheckpointFailure, 'repeats'> | null) => {
      if (!failure) return this.gate.reset();
      this.failed++;
      const repeats = this.gate.pass(failure.message);
      if (repeats !== undefined) onError({ ...failure, repeats });
    });
    this.worker.on('error', (e) => onError({ message: e.message, repeats: 0 }));
    this.worker.unref();
  }

  /** Checkpoints that failed since this process opened the database. */
  get failures(): number {
    return this.failed;
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
