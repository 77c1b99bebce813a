// What the figures were measured on: machine, runtime, package and service versions.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { REDIS_URL, PG_URL } from './engines.mjs';
import { require, root } from './workspace.mjs';

const PACKAGES = ['@nestjs/core', 'express', 'kysely', 'better-sqlite3', 'pg', 'bullmq', 'ioredis', 'graphile-worker', 'pg-boss', 'rxjs', 'sharp', '@angular/core', 'autocannon'];

function packageVersion(name) {
  try {
    return JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return 'not installed';
  }
}

async function serviceVersions() {
  const out = {};
  try {
    const IORedis = require('ioredis');
    const redis = new IORedis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    out.redis = /redis_version:(\S+)/.exec(await redis.info('server'))?.[1];
    redis.disconnect();
  } catch (e) {
    out.redis = `unreachable (${e.message})`;
  }
  try {
    const pg = require('pg');
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    out.postgresql = (await client.query('SHOW server_version')).rows[0].server_version;
    await client.end();
  } catch (e) {
    out.postgresql = `unreachable (${e.message})`;
  }
  return out;
}

export async function machineInfo() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    memory_gb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    load_average_at_start: os.loadavg().map((l) => Math.round(l * 100) / 100),
    packages: Object.fromEntries(PACKAGES.map((p) => [p, packageVersion(p)])),
    services: await serviceVersions(),
  };
}
