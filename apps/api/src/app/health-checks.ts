/** Extra readiness checks (e.g. Redis in distributed mode), provided by the drivers in use. */
export interface HealthCheck {
  name: string;
  check(): Promise<void>;
}

export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');
