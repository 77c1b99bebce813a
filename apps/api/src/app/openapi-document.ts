/**
 * The OpenAPI document: served at /api/openapi.json, checked in as docs/openapi.json
 * (tools/openapi/export.mjs) and the source of the generated client (libs/client).
 */
import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { DECORATORS, DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { PUBLIC_ROUTE, ProblemDto, problemResponse } from '@atelier/platform';

const DESCRIPTION = [
  'Image analyses as background jobs, live progress over Server-Sent Events.',
  '',
  'Authenticate with an API key (`Authorization: Bearer atelier_…`, made with `createApiKey`) or the console\'s session cookie `atelier_session` (set by `login`).',
  'Every operation but health, login, logout and the first-admin setup needs one of them.',
  '',
  'Every 4xx/5xx answer is RFC 9457 `application/problem+json` (`ProblemDto`), with a machine-readable `code` where one applies.',
].join('\n');

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Atelier API')
      .setDescription(DESCRIPTION)
      .setVersion('1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key `atelier_…` (Settings → API keys, or POST /api/api-keys)' }, 'bearer')
      .addCookieAuth('atelier_session', { type: 'apiKey', in: 'cookie', name: 'atelier_session', description: 'The session cookie set by POST /api/auth/login' }, 'cookie')
      .addSecurityRequirements('bearer')
      .addSecurityRequirements('cookie')
      .build(),
    { extraModels: [ProblemDto] },
  );
  applyAccessRules(document, publicOperationIds(app));
  return document;
}

/** The operation ids of @Public() routes, which need no principal. */
function publicOperationIds(app: INestApplication): Set<string> {
  const ids = new Set<string>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      const prototype = (metatype as { prototype?: Record<string, unknown> } | null)?.prototype;
      if (!prototype) continue;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (typeof handler !== 'function' || !Reflect.getMetadata(PUBLIC_ROUTE, handler)) continue;
        const operationId = (Reflect.getMetadata(DECORATORS.API_OPERATION, handler) as { operationId?: string } | undefined)?.operationId;
        if (operationId) ids.add(operationId);
      }
    }
  }
  return ids;
}

type OperationObject = NonNullable<OpenAPIObject['paths'][string]['get']>;

const CHANGES = new Set(['post', 'put', 'patch', 'delete']);

/**
 * What the guard answers on every route besides the route's own problems: public operations say so with an
 * empty `security` (overriding the global one); the others can answer 401 and 429 (rate limit), and a change
 * 403 (a cookie request from another origin).
 */
function applyAccessRules(document: OpenAPIObject, publicIds: Set<string>): void {
  for (const item of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(item) as [string, OperationObject][]) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      if (operation.operationId && publicIds.has(operation.operationId)) {
        operation.security = [];
        continue;
      }
      const statuses = [401, 429, ...(CHANGES.has(method) ? [403] : [])];
      for (const status of statuses) operation.responses[status] ??= problemResponse(status);
    }
  }
}
