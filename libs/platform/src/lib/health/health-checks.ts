import type { HealthStatus } from '@atelier/contracts';

/** One readiness probe (database, Redis, the queue…). */
export interface HealthCheck {
  name: string;
  check(): Promise<void>;
}

/** Injection token of the extra checks the drivers in use provide (e.g. Redis in distributed mode). */
export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');

/** Runs every probe at once, each bounded by `timeoutMs`; ok only when all answered. */
export async function runHealthChecks(probes: HealthCheck[], timeoutMs = 2000): Promise<{ ok: boolean; checks: HealthStatus['checks'] }> {
  const checks: HealthStatus['checks'] = {};
  await Promise.all(
    probes.map(async ({ name, check }) => {
      try {
        await withTimeout(check(), timeoutMs);
        checks[name] = { status: 'ok' };
      } catch (err) {
        checks[name] = { status: 'error', detail: (err as Error).message };
      }
    }),
  );
  return { ok: Object.values(checks).every((c) => c.status === 'ok'), checks };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms))),
  ]);
}
