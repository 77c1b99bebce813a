import { NestFactory, Reflector } from '@nestjs/core';
import type { DynamicModule, INestApplication, LoggerService, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type Request, type Response, type NextFunction } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppConfig, DrainingGuard, ProblemDto, ProblemFilter, ShutdownState, createValidationPipe, refuseDeepJson } from '@atelier/platform';
import { AppModule } from './app.module';

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
  app.use(express.json({ verify: refuseDeepJson() }));
  app.use(express.urlencoded({ extended: true }));
  app.setGlobalPrefix('api', { exclude: ['metrics'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  app.useGlobalGuards(new DrainingGuard(app.get(Reflector), app.get(ShutdownState), config));
  app.disable('x-powered-by');
  app.set('etag', false);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Atelier API')
      .setDescription('Image analyses as background jobs, live progress over Server-Sent Events. Errors are RFC 9457 problem+json.')
      .setVersion('1.0')
      .build(),
    { extraModels: [ProblemDto] },
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json' });

  serveConsole(app, config);
  return app;
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
