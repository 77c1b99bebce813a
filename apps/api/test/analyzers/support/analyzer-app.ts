import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { Job } from '@atelier/contracts';
import { parseConfig } from '@atelier/platform';
import { ATELIER_DB, type AtelierDb } from '@atelier/persistence';
import { JobEngine } from '@atelier/jobs';
import { ended, waitForJob } from '@atelier/jobs/testing';
import { createApp } from '../../../src/app/create-app';
import { ACCESS_ENV, authHeaders, loginAsAdmin } from '../../support/auth';

/** The real API (AppModule, real analyzers and handlers) on a fresh data directory; `http` sends the first admin's API key. */
export interface AnalyzerTestApp {
  app: INestApplication;
  http: ReturnType<typeof request.agent>;
  engine: JobEngine;
  db: AtelierDb;
  dataDir: string;
  /** Resolves with the job once it ended (event-driven). */
  ended(jobId: string, ms?: number): Promise<Job>;
  until(jobId: string, predicate: (job: Job) => boolean, ms?: number): Promise<Job>;
  /** Rows and blob files: what a rejected upload must not leave behind. */
  footprint(): Promise<Footprint>;
  close(): Promise<void>;
}

export interface Footprint {
  jobs: number;
  images: number;
  blobs: number;
  presets: number;
  blobFiles: number;
}

export async function startAnalyzerApp(env: Record<string, string> = {}): Promise<AnalyzerTestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'atelier-analyzers-'));
  const config = parseConfig({ ...ACCESS_ENV, DATA_DIR: dataDir, CONSOLE_DIR: '', OFFLINE_LATENCY_MS: '0', JOB_RETRY_BASE_DELAY_MS: '0', ...env });
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const key = await loginAsAdmin(url);
  const engine = app.get(JobEngine);
  const db = app.get<AtelierDb>(ATELIER_DB);
  const count = async (table: 'jobs' | 'images' | 'blobs' | 'presets') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return {
    app,
    http: request.agent(app.getHttpServer()).set(authHeaders(key)),
    engine,
    db,
    dataDir,
    ended: (jobId, ms = 10_000) => waitForJob(engine, jobId, ended, ms),
    until: (jobId, predicate, ms = 10_000) => waitForJob(engine, jobId, predicate, ms),
    footprint: async () => ({
      jobs: await count('jobs'),
      images: await count('images'),
      blobs: await count('blobs'),
      presets: await count('presets'),
      blobFiles: filesUnder(join(dataDir, 'blobs')),
    }),
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function filesUnder(dir: string): number {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
  } catch {
    return 0;
  }
}

export const NOTHING: Footprint = { jobs: 0, images: 0, blobs: 0, presets: 0, blobFiles: 0 };
