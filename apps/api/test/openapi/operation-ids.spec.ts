import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '@atelier/platform';
import { createApp } from '../../src/app/create-app';
import { buildOpenApiDocument } from '../../src/app/openapi-document';

/** Generated clients name their methods after operation ids: each must be an explicit verb phrase, unique. */
const VERBS = ['list', 'get', 'create', 'update', 'rename', 'delete', 'revoke', 'cancel', 'retry', 'bulk', 'stream', 'analyze', 'generate', 'dismiss', 'pause', 'resume', 'login', 'logout', 'start', 'finish', 'rotate', 'redeliver'];
const VERB_ID = new RegExp(`^(${VERBS.join('|')})([A-Z][a-zA-Z0-9]*)?$`);

describe('OpenAPI operations', () => {
  let app: INestApplication;
  let document: OpenAPIObject;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'atelier-openapi-'));
    app = await createApp(parseConfig({ DATA_DIR: dataDir, CONSOLE_DIR: '', VISION_PROVIDER: 'offline' }));
    document = buildOpenApiDocument(app);
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op: op as { operationId?: string; security?: unknown[]; responses: Record<string, { content?: Record<string, unknown> }> } })),
    );

  it('every operation has an explicit camelCase verb id (not Nest\'s Controller_method default), and no id repeats', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(40);
    const bad = ops.filter(({ op }) => !op.operationId || !VERB_ID.test(op.operationId)).map(({ route, op }) => `${route}: ${op.operationId}`);
    expect(bad).toEqual([]);
    const ids = ops.map(({ op }) => op.operationId);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('needs a cookie or an API key everywhere but on the public routes', () => {
    expect(document.security).toEqual([{ bearer: [] }, { cookie: [] }]);
    expect(document.components?.securitySchemes).toMatchObject({
      bearer: { type: 'http', scheme: 'bearer' },
      cookie: { type: 'apiKey', in: 'cookie', name: 'atelier_session' },
    });
    const open = operations().filter(({ op }) => Array.isArray(op.security) && op.security.length === 0).map(({ op }) => op.operationId).sort();
    expect(open).toEqual(['createFirstAdmin', 'finishSsoLogin', 'getHealth', 'getSetupStatus', 'login', 'logout', 'startSsoLogin']);
    for (const { op } of operations().filter(({ op }) => !op.security)) expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['401', '429']));
  });

  it('describes every error answer as problem+json', () => {
    const notProblems = operations().flatMap(({ route, op }) =>
      Object.entries(op.responses)
        .filter(([status]) => Number(status) >= 400 && !(route === 'GET /api/health' && status === '503'))
        .filter(([, response]) => !response.content?.['application/problem+json'])
        .map(([status]) => `${route} ${status}`),
    );
    expect(notProblems).toEqual([]);
  });

  it('describes the event stream as text/event-stream with its event names', () => {
    const stream = document.paths['/api/jobs/stream'].get!;
    expect(Object.keys((stream.responses['200'] as { content: object }).content)).toEqual(['text/event-stream']);
    for (const name of ['snapshot', 'job.created', 'job.updated', 'job.completed', 'job.failed', 'job.cancelled', 'job.deleted', 'queue.paused', 'queue.resumed', 'panel.dismissed']) {
      expect(stream.description).toContain(`\`${name}\``);
    }
  });
});
