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
  status: 'ok' | 'error';
  mode: 'embedded' | 'distributed';
  checks: Record<string, { status: 'ok' | 'error'; detail?: string }>;
}
