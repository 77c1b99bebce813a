/**
 * Every environment variable Atelier reads: name, description, default and parser, in one
 * place. The README table is checked against this list by a test.
 */
export type Parser<T> = (raw: string) => T;

export interface ConfigVariable<T> {
  name: string;
  description: string;
  /** Default as written in the README; undefined means "unset". */
  default: string | undefined;
  parse: Parser<T>;
}

function variable<T>(name: string, description: string, def: string | undefined, parse: Parser<T>): ConfigVariable<T> {
  return { name, description, default: def, parse };
}

export const integer = (min: number, max: number): Parser<number> => (raw) => {
  if (!/^-?\d+$/.test(raw.trim())) throw new Error(`must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new Error(`must be between ${min} and ${max}, got ${n}`);
  return n;
};

export const text: Parser<string> = (raw) => raw;

export const optionalText: Parser<string | undefined> = (raw) => (raw.trim() === '' ? undefined : raw.trim());

export const boolean: Parser<boolean> = (raw) => {
  const v = raw.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  throw new Error(`must be true or false, got "${raw}"`);
};

export const oneOf =
  <T extends string>(...values: T[]): Parser<T> =>
  (raw) => {
    if (!(values as string[]).includes(raw)) throw new Error(`must be one of ${values.join(', ')}, got "${raw}"`);
    return raw as T;
  };

export const url =
  (...protocols: string[]): Parser<string | undefined> =>
  (raw) => {
    if (raw.trim() === '') return undefined;
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new Error(`must be a URL, got "${raw}"`);
    }
    if (protocols.length && !protocols.includes(parsed.protocol.replace(/:$/, ''))) {
      throw new Error(`must start with ${protocols.map((p) => `${p}://`).join(' or ')}`);
    }
    return raw;
  };

/** `analyze=4,generate_image=1` → { analyze: 4, generate_image: 1 } */
export const typeCaps: Parser<Record<string, number>> = (raw) => {
  const caps: Record<string, number> = {};
  for (const part of raw.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([a-z_]+)=(\d+)$/.exec(part);
    if (!m || Number(m[2]) < 1) throw new Error(`must look like "analyze=4,generate_image=1", got "${part}"`);
    caps[m[1]] = Number(m[2]);
  }
  return caps;
};

export const CONFIG_VARIABLES = {
  port: variable('PORT', 'HTTP port of the API (and console in embedded mode).', '3000', integer(0, 65535)),
  host: variable('HOST', 'Interface the HTTP server binds to. Use 0.0.0.0 behind a load balancer.', '127.0.0.1', text),
  dataDir: variable('DATA_DIR', 'Where the embedded SQLite database and image blobs live.', './data', text),
  databaseUrl: variable(
    'DATABASE_URL',
    'postgres://… switches records (jobs, presets, images) to PostgreSQL (distributed mode).',
    undefined,
    url('postgres', 'postgresql'),
  ),
  databaseSchema: variable('DATABASE_SCHEMA', 'PostgreSQL schema that holds Atelier tables.', 'public', text),
  databasePoolSize: variable(
    'DATABASE_POOL_SIZE',
    'Distributed mode: PostgreSQL connections one process may hold, every pool and LISTEN connection counted (with QUEUE_BACKEND=postgres, the queue and the events take 5 of them in an API process, 7 where jobs run; the records get the rest). See "Running distributed".',
    '10',
    integer(2, 1000),
  ),
  databasePreparedStatements: variable(
    'DATABASE_PREPARED_STATEMENTS',
    'Distributed mode: PostgreSQL prepares the hot statements of the job store once per connection (less CPU per job). Set false behind a pooler in transaction mode that cannot keep prepared statements (PgBouncer before 1.21, or its max_prepared_statements = 0).',
    'true',
    boolean,
  ),
  redisUrl: variable('REDIS_URL', 'redis://… switches dispatch to BullMQ and events to a Redis Stream.', undefined, url('redis', 'rediss')),
  queueBackend: variable(
    'QUEUE_BACKEND',
    'Dispatch backend in distributed mode: redis (BullMQ on Redis; events on a Redis Stream) or postgres (BullMQ on PostgreSQL; events via LISTEN/NOTIFY). Default: redis when REDIS_URL is set.',
    undefined,
    (raw) => (raw.trim() === '' ? undefined : oneOf('redis', 'postgres')(raw.trim())),
  ),
  queuePrefix: variable(
    'QUEUE_PREFIX',
    'Namespace of the distributed queue: Redis key prefix (queues, event stream, cancel channel); with QUEUE_BACKEND=postgres, the NOTIFY channels and BullMQ schema (<prefix>_bullmq).',
    'atelier',
    text,
  ),
  queueLockDurationMs: variable(
    'QUEUE_LOCK_DURATION_MS',
    'Distributed mode: how long a worker holds a job without renewing its claim (it renews every half of it). A worker that dies has its jobs handed to another within 1.2 × this (6 s by default).',
    '5000',
    integer(1000, 3_600_000),
  ),
  runWorkers: variable(
    'RUN_WORKERS',
    'Run job handlers in this API process. Default: true when embedded, false when distributed.',
    undefined,
    (raw) => (raw.trim() === '' ? undefined : boolean(raw)),
  ),
  workerConcurrency: variable('WORKER_CONCURRENCY', 'Jobs one process runs at once (all types).', '8', integer(1, 1000)),
  typeConcurrency: variable(
    'JOB_TYPE_CONCURRENCY',
    'Per-type caps, e.g. "analyze=8,generate_image=1". Types not listed use WORKER_CONCURRENCY.',
    '',
    typeCaps,
  ),
  jobTimeoutMs: variable('JOB_TIMEOUT_MS', 'Time one attempt of a job may take before it is aborted as a timeout.', '300000', integer(100, 86_400_000)),
  jobMaxAttempts: variable('JOB_MAX_ATTEMPTS', 'Attempts of a job before a retryable failure becomes final.', '3', integer(1, 100)),
  retryBaseDelayMs: variable('JOB_RETRY_BASE_DELAY_MS', 'First retry delay; doubles per attempt, with jitter.', '1000', integer(0, 3_600_000)),
  retentionDays: variable('JOB_RETENTION_DAYS', 'Finished jobs older than this are deleted.', '7', integer(1, 3650)),
  cleanupIntervalMs: variable('JOB_CLEANUP_INTERVAL_MS', 'How often the retention cleanup runs.', '3600000', integer(1000, 86_400_000)),
  workerHeartbeatMs: variable(
    'WORKER_HEARTBEAT_MS',
    'How often each process that runs jobs records that it is alive, and how often every node sweeps for running jobs whose worker is gone (missing 3 heartbeats), re-queueing them by the retry policy.',
    '2000',
    integer(200, 60_000),
  ),
  shutdownGraceMs: variable('SHUTDOWN_GRACE_MS', 'On SIGTERM, how long running jobs may finish before they are aborted and re-queued.', '10000', integer(0, 600_000)),
  sseHeartbeatMs: variable('SSE_HEARTBEAT_MS', 'Interval of the ": ping" comment on event streams.', '15000', integer(100, 60_000)),
  sseReplaySize: variable('SSE_REPLAY_SIZE', 'Events kept for Last-Event-ID replay.', '10000', integer(10, 1_000_000)),
  sseSnapshotFinished: variable(
    'SSE_SNAPSHOT_FINISHED',
    'Finished jobs (of the last 10 minutes) the first event of a job stream holds at most, newest first; it then says it is truncated, and a client pages the rest over GET /api/jobs.',
    '100',
    integer(1, 1000),
  ),
  adminEmail: variable('ATELIER_ADMIN_EMAIL', 'With ATELIER_ADMIN_PASSWORD: creates the first admin at boot while no user exists (tests, containers). Unset: the server logs a one-time setup token for the console setup page.', undefined, optionalText),
  adminPassword: variable('ATELIER_ADMIN_PASSWORD', 'Password of the first admin made from ATELIER_ADMIN_EMAIL (at least 12 characters).', undefined, optionalText),
  publicUrl: variable('PUBLIC_URL', 'The URL people open the console at (e.g. https://atelier.example.com): the one origin cookie-authenticated changes may come from, and Secure cookies when https. Unset: any loopback origin on PORT.', undefined, url('http', 'https')),
  allowedHosts: variable('ALLOWED_HOSTS', 'Comma list of Host headers served (host or host:port); others answer 421. Default: localhost, 127.0.0.1, [::1] and HOST, each with PORT, plus PUBLIC_URL\'s host.', undefined, optionalText),
  trustProxy: variable('TRUST_PROXY', 'Trust X-Forwarded-For / -Proto from the load balancer in front (client IPs for limits and the audit log, https for Secure cookies).', 'false', boolean),
  sessionIdleTimeoutMs: variable('SESSION_IDLE_TIMEOUT_MS', 'A session unused this long ends.', '604800000', integer(60_000, 31_536_000_000)),
  sessionMaxAgeMs: variable('SESSION_MAX_AGE_MS', 'A session ends this long after sign-in, used or not.', '2592000000', integer(60_000, 31_536_000_000)),
  rateLimitPerMinute: variable('RATE_LIMIT_PER_MINUTE', 'Requests one principal (user or API key; anonymous callers by IP) may send per minute, counted across all nodes; then 429 with Retry-After.', '1200', integer(1, 1_000_000)),
  jobQuotaPerUser: variable('JOB_QUOTA_PER_USER', 'Queued + running jobs one user may have at once (a comprehensive analysis counts its parent and each child; a batch counts its children, not itself); past it, new analyses answer 429 quota_exceeded.', '500', integer(1, 1_000_000)),
  metricsPort: variable('METRICS_PORT', 'Serve /metrics without authentication on this port of its own (0: /metrics on the main port needs an operator or admin).', '0', integer(0, 65535)),
  oidcIssuerUrl: variable('OIDC_ISSUER_URL', 'OpenID Connect issuer for "Sign in with SSO" (authorization code + PKCE). Unset: no SSO.', undefined, url('http', 'https')),
  oidcClientId: variable('OIDC_CLIENT_ID', 'Client id registered at the issuer.', undefined, optionalText),
  oidcClientSecret: variable('OIDC_CLIENT_SECRET', 'Client secret registered at the issuer.', undefined, optionalText),
  oidcDefaultRole: variable('OIDC_DEFAULT_ROLE', 'Role of a user first signing in through SSO when no mapping applies.', 'member', oneOf('member', 'operator', 'admin')),
  oidcRoleClaim: variable('OIDC_ROLE_CLAIM', 'Claim whose values map to roles (e.g. groups).', undefined, optionalText),
  oidcRoleMap: variable('OIDC_ROLE_MAP', 'Claim value to role, e.g. "atelier-admins=admin,atelier-ops=operator"; the highest match wins, at every sign-in.', undefined, optionalText),
  openaiMaxConcurrency: variable('OPENAI_MAX_CONCURRENCY', 'Model calls in flight at once across all nodes (0: no limit); more wait their turn in the queue instead of meeting 429s.', '0', integer(0, 10_000)),
  openaiMaxRpm: variable('OPENAI_MAX_RPM', 'Model calls started per minute across all nodes (0: no limit).', '0', integer(0, 1_000_000)),
  logLevel: variable('LOG_LEVEL', 'trace, debug, info, warn, error or silent.', 'info', oneOf('trace', 'debug', 'info', 'warn', 'error', 'silent')),
  openaiApiKey: variable('OPENAI_API_KEY', 'Key for the OpenAI-compatible endpoint. Unset: the offline provider is used.', undefined, optionalText),
  openaiBaseUrl: variable('OPENAI_BASE_URL', 'OpenAI-compatible base URL (Azure OpenAI, Ollama, vLLM, LM Studio).', undefined, url('http', 'https')),
  visionModel: variable('VISION_MODEL', 'Model used for image analyses.', 'gpt-4.1-mini', text),
  imageModel: variable('IMAGE_MODEL', 'Model used to generate images from presets.', 'gpt-image-1', text),
  visionProvider: variable(
    'VISION_PROVIDER',
    'openai or offline. Default: openai when OPENAI_API_KEY is set, otherwise offline.',
    undefined,
    (raw) => (raw.trim() === '' ? undefined : oneOf('openai', 'offline')(raw.trim())),
  ),
  offlineLatencyMs: variable('OFFLINE_LATENCY_MS', 'Simulated latency of the offline provider, spread over its progress steps.', '1500', integer(0, 600_000)),
  maxUploadBytes: variable('MAX_UPLOAD_BYTES', 'Largest accepted image upload.', '20971520', integer(1024, 1_073_741_824)),
  maxImagePixels: variable('MAX_IMAGE_PIXELS', 'Largest accepted image in pixels (width × height).', '40000000', integer(1, 1_000_000_000)),
  batchMaxFiles: variable('BATCH_MAX_FILES', 'Most images one POST /api/batches request may carry.', '500', integer(1, 10_000)),
  batchMaxBytes: variable(
    'BATCH_MAX_BYTES',
    'Most bytes of images one POST /api/batches request may carry in all (its files wait on disk under DATA_DIR while they are checked, never in memory); past it, 413.',
    '2147483648',
    integer(1024, 1_099_511_627_776),
  ),
  syncWaitTimeoutMs: variable('SYNC_WAIT_TIMEOUT_MS', 'How long a request without async_mode waits before answering 504.', '120000', integer(100, 3_600_000)),
  analysisCacheTtlMs: variable('ANALYSIS_CACHE_TTL_MS', 'Window in which the same image + analyzer + provider + model reuses a stored result (0 disables).', '86400000', integer(0, 31_536_000_000)),
  idempotencyTtlMs: variable(
    'IDEMPOTENCY_TTL_MS',
    'How long the answer to a request sent with an Idempotency-Key is kept: the same key and request within this time answer it again and create nothing.',
    '86400000',
    integer(1000, 31_536_000_000),
  ),
  webhookAllowPrivateNetworks: variable(
    'WEBHOOK_ALLOW_PRIVATE_NETWORKS',
    'Let webhooks and callback_url reach private, loopback, link-local and other non-public addresses (a receiver on this machine or the same network). Off: such targets answer 400 webhook_target_forbidden, and are refused again at connect time.',
    'false',
    boolean,
  ),
  consoleDir: variable('CONSOLE_DIR', 'Built console served at / in embedded mode. Empty disables.', './dist/apps/console/browser', text),
  workerHealthPort: variable('WORKER_HEALTH_PORT', 'Port of the worker liveness endpoint (0 disables).', '0', integer(0, 65535)),
} as const;

type Vars = typeof CONFIG_VARIABLES;
export type AppConfigValues = { [K in keyof Vars]: ReturnType<Vars[K]['parse']> };
