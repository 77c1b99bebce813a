/** RFC 9457 problem details, the body of every 4xx/5xx answer. */
export interface ProblemFieldError {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code?: string;
  errors?: ProblemFieldError[];
}

export interface HealthStatus {
  /** draining: the process is shutting down (answered with 503, so a load balancer moves away). */
  status: 'ok' | 'error' | 'draining';
  mode: 'embedded' | 'distributed';
  checks: Record<string, { status: 'ok' | 'error'; detail?: string }>;
}
