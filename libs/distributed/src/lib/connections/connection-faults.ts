import { Logger } from '@nestjs/common';
import { isRefusedConnection } from '@atelier/persistence';

const logger = new Logger('ConnectionFaults');
const LOG_EVERY_MS = 10_000;

/**
 * A datastore that is away or full for now, rather than a request it rejects: refused connections
 * (too many clients, starting up, nothing listening), connections dropped mid-request, and
 * connect timeouts. Worth retrying when the operation is idempotent.
 */
export function isConnectionFault(err: unknown): boolean {
  if (isRefusedConnection(err)) return true;
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P02'].includes(code) || code.startsWith('08'))) return true;
  return typeof message === 'string' && /Connection terminated|timeout exceeded when trying to connect|Connection is closed/i.test(message);
}

/**
 * Runs an idempotent `work` until it succeeds, backing off (100 ms doubling to 2 s, with jitter)
 * while it fails with a connection fault; other errors, and any error once `stopped()`, are thrown.
 */
export async function retryConnectionFaults<T>(what: string, stopped: () => boolean, work: () => Promise<T>): Promise<T> {
  let lastLogged = 0;
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (stopped() || !isConnectionFault(err)) throw err;
      if (Date.now() - lastLogged > LOG_EVERY_MS) {
        lastLogged = Date.now();
        logger.warn(`${what}: ${(err as Error).message}; retrying until the datastore answers`);
      }
      const ms = Math.min(2000, 100 * 2 ** Math.min(attempt, 5));
      await new Promise((resolve) => setTimeout(resolve, ms / 2 + Math.random() * ms));
    }
  }
}
