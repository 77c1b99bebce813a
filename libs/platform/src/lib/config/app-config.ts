import { CONFIG_VARIABLES, type AppConfigValues } from './config-variables';

export type AtelierMode = 'embedded' | 'distributed';

/** The typed, validated configuration, injected wherever settings are needed. */
export class AppConfig {
  constructor(readonly values: AppConfigValues) {}

  get mode(): AtelierMode {
    return this.values.databaseUrl ? 'distributed' : 'embedded';
  }

  /** Dispatch backend in distributed mode (undefined when embedded). */
  get queueBackend(): 'redis' | 'postgres' | undefined {
    if (this.mode !== 'distributed') return undefined;
    return this.values.queueBackend ?? (this.values.redisUrl ? 'redis' : undefined);
  }

  get runWorkers(): boolean {
    return this.values.runWorkers ?? this.mode === 'embedded';
  }

  get visionProvider(): 'openai' | 'offline' {
    return this.values.visionProvider ?? (this.values.openaiApiKey ? 'openai' : 'offline');
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses and validates the environment once; every problem is reported naming its variable. */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, spec] of Object.entries(CONFIG_VARIABLES)) {
    const raw = env[spec.name] ?? spec.default;
    if (raw === undefined) {
      values[key] = undefined;
      continue;
    }
    try {
      values[key] = (spec.parse as (raw: string) => unknown)(raw);
    } catch (err) {
      problems.push(`${spec.name} ${(err as Error).message}`);
    }
  }
  const parsed = values as AppConfigValues;
  if (problems.length === 0) problems.push(...crossChecks(parsed));
  if (problems.length) throw new ConfigError(problems);
  return new AppConfig(parsed);
}

function crossChecks(v: AppConfigValues): string[] {
  const problems: string[] = [];
  if (v.redisUrl && !v.databaseUrl) {
    problems.push('REDIS_URL is set but DATABASE_URL is not: distributed mode needs both (PostgreSQL for records, Redis for dispatch).');
  }
  if (v.databaseUrl && !v.redisUrl && v.queueBackend !== 'postgres') {
    problems.push('DATABASE_URL is set but REDIS_URL is not: set REDIS_URL, or QUEUE_BACKEND=postgres.');
  }
  if (v.queueBackend && !v.databaseUrl) {
    problems.push(`QUEUE_BACKEND=${v.queueBackend} is set but DATABASE_URL is not: distributed mode keeps its records in PostgreSQL.`);
  }
  if (v.queueBackend === 'redis' && !v.redisUrl) {
    problems.push('QUEUE_BACKEND=redis needs REDIS_URL (or use QUEUE_BACKEND=postgres to run on PostgreSQL alone).');
  }
  if (v.visionProvider === 'openai' && !v.openaiApiKey && !v.openaiBaseUrl) {
    problems.push('VISION_PROVIDER=openai needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local endpoint).');
  }
  if (!!v.adminEmail !== !!v.adminPassword) {
    problems.push('ATELIER_ADMIN_EMAIL and ATELIER_ADMIN_PASSWORD go together: set both to create the first admin, or neither to use the setup page.');
  }
  if (v.adminPassword && v.adminPassword.length < 12) problems.push('ATELIER_ADMIN_PASSWORD must be at least 12 characters.');
  if (v.adminEmail && !/^[^@\s]+@[^@\s]+$/.test(v.adminEmail)) problems.push(`ATELIER_ADMIN_EMAIL must be an email address, got "${v.adminEmail}".`);
  if (v.oidcIssuerUrl && !v.oidcClientId) problems.push('OIDC_ISSUER_URL is set but OIDC_CLIENT_ID is not: register Atelier at the issuer and set both.');
  if (v.sessionIdleTimeoutMs > v.sessionMaxAgeMs) problems.push('SESSION_IDLE_TIMEOUT_MS must not exceed SESSION_MAX_AGE_MS.');
  return problems;
}
