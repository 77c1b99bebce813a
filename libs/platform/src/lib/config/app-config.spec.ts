import { ConfigError, parseConfig } from './app-config';
import { CONFIG_VARIABLES } from './config-variables';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

describe('parseConfig', () => {
  it('runs with nothing configured: embedded, offline, port 3000, ./data', () => {
    const config = parseConfig({});
    expect(config.mode).toBe('embedded');
    expect(config.runWorkers).toBe(true);
    expect(config.visionProvider).toBe('offline');
    expect(config.values).toMatchObject({ port: 3000, dataDir: './data', retentionDays: 7, workerConcurrency: 8 });
  });

  it('stops with a message naming each bad variable', () => {
    expect(() => parseConfig({ PORT: 'eighty', JOB_RETENTION_DAYS: '0' })).toThrow(ConfigError);
    try {
      parseConfig({ PORT: 'eighty', JOB_RETENTION_DAYS: '0', LOG_LEVEL: 'loud' });
    } catch (err) {
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toContain('PORT must be a whole number');
      expect(problems).toContain('JOB_RETENTION_DAYS must be between 1 and 3650');
      expect(problems).toContain('LOG_LEVEL must be one of');
    }
  });

  it('refuses a half distributed configuration', () => {
    expect(() => parseConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/REDIS_URL is set but DATABASE_URL is not/);
    expect(() => parseConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must start with postgres:\/\//);
  });

  it('chooses the queue backend: redis from REDIS_URL, postgres alone on request', () => {
    const pgUrl = 'postgres://u@127.0.0.1:5432/db';
    const redis = parseConfig({ DATABASE_URL: pgUrl, REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(redis.mode).toBe('distributed');
    expect(redis.runWorkers).toBe(false);
    expect(redis.queueBackend).toBe('redis');
    expect(parseConfig({ DATABASE_URL: pgUrl, QUEUE_BACKEND: 'postgres' }).queueBackend).toBe('postgres');
    expect(parseConfig({}).queueBackend).toBeUndefined();
    expect(() => parseConfig({ DATABASE_URL: pgUrl })).toThrow(/set REDIS_URL, or QUEUE_BACKEND=postgres/);
    expect(() => parseConfig({ DATABASE_URL: pgUrl, QUEUE_BACKEND: 'redis' })).toThrow(/QUEUE_BACKEND=redis needs REDIS_URL/);
    expect(() => parseConfig({ QUEUE_BACKEND: 'postgres' })).toThrow(/QUEUE_BACKEND=postgres is set but DATABASE_URL is not/);
  });

  it('parses per-type caps and picks openai when a key is set', () => {
    const config = parseConfig({ JOB_TYPE_CONCURRENCY: 'analyze=4, generate_image=1', OPENAI_API_KEY: 'sk-test' });
    expect(config.values.typeConcurrency).toEqual({ analyze: 4, generate_image: 1 });
    expect(config.visionProvider).toBe('openai');
    expect(() => parseConfig({ JOB_TYPE_CONCURRENCY: 'analyze' })).toThrow(/JOB_TYPE_CONCURRENCY must look like/);
  });

  it('is documented: the README lists every variable', () => {
    const readme = readFileSync(join(__dirname, '../../../../../README.md'), 'utf8');
    for (const spec of Object.values(CONFIG_VARIABLES)) expect(readme).toContain(`\`${spec.name}\``);
  });
});
