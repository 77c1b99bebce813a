import { NestFactory, Reflector } from '@nestjs/core';
import type { DynamicModule, INestApplication, LoggerService, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import express, { type Request, type Response, type NextFunction } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import helmet from 'helmet';
import { AppConfig, DrainingGuard, ProblemFilter, ShutdownState, UnauthenticatedError, createValidationPipe, refuseDeepJson } from '@atelier/platform';
import { Authenticator, allowedHostsOf, hostAllowlist } from '@atelier/access';
import { AppModule } from './app.module';
import { buildOpenApiDocument } from './openapi-document';

export interface CreateAppOptions {
  logger?: LoggerService | false;
  /** Extra modules (tests add fake handlers this way). */
  rootModule?: Type<unknown> | DynamicModule;
}

/** Builds the API application with every global setting; main.ts and the e2e tests share it. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<INestApplication> {
  const root = options.rootModule ?? AppModule.forRoot(config);
  const app = await NestFactory.create<NestExpressApplication>(root, {
    logger: options.logger ?? false,
    bufferLogs: false,
    abortOnError: false,
    // Nest's parsers, but the JSON one refuses deep nesting before it is parsed (Nest's useBodyParser cannot take `verify`).
    bodyParser: false,
  });
  if (config.values.trustProxy) app.set('trust proxy', true);
  app.use(securityHeaders());
  app.use(hostAllowlist(allowedHostsOf(config.values)));
  app.use(express.json({ verify: refuseDeepJson() }));
  app.use(express.urlencoded({ extended: true }));
  app.setGlobalPrefix('api', { exclude: ['metrics'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  app.useGlobalGuards(new DrainingGuard(app.get(Reflector), app.get(ShutdownState), config));
  app.disable('x-powered-by');
  app.set('etag', false);

  const document = buildOpenApiDocument(app);
  app.use(['/api/docs', '/api/openapi.json'], requirePrincipal(app));
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json', swaggerOptions: { persistAuthorization: true } });

  serveConsole(app, config);
  return app;
}

/**
 * Security headers on every answer (helmet): nosniff, a frame ban, no referrer leaks, and a strict
 * Content-Security-Policy with no inline scripts; Swagger UI's page needs inline styles only.
 */
function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'frame-ancestors': ["'none'"],
        'form-action': ["'self'"],
        'base-uri': ["'self'"],
        'object-src': ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: false,
  });
}

/** The API documentation needs a signed-in user or an API key, like the API. Apps without access control (some tests) leave it open. */
function requirePrincipal(app: INestApplication) {
  let authenticator: Authenticator | undefined;
  try {
    authenticator = app.get(Authenticator, { strict: false });
  } catch {
    authenticator = undefined;
  }
  return (req: Request, res: Response, next: NextFunction) => {
    if (!authenticator) return next();
    authenticator.authenticate(req).then(
      (principal) => {
        if (principal) return next();
        if (req.accepts('html') && req.path !== '/api/openapi.json' && !req.originalUrl.startsWith('/api/openapi.json')) {
          return res.redirect(302, `/login?return_to=${encodeURIComponent(req.originalUrl)}`);
        }
        const problem = new ProblemFilter().toProblem(new UnauthenticatedError('Sign in, or send an API key as "Authorization: Bearer <key>".'), req.originalUrl);
        res.status(401).type('application/problem+json').send(JSON.stringify(problem));
      },
      (err: unknown) => next(err),
    );
  };
}

/** In embedded mode the API also serves the built console at / (with an SPA fallback). */
function serveConsole(app: NestExpressApplication, config: AppConfig): void {
  const dir = config.values.consoleDir ? resolve(config.values.consoleDir) : '';
  if (!dir || !existsSync(join(dir, 'index.html'))) return;
  app.use(express.static(dir, { index: false, maxAge: '1h' }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api') || req.path === '/metrics') return next();
    if (!req.accepts('html')) return next();
    res.sendFile(join(dir, 'index.html'));
  });
}
