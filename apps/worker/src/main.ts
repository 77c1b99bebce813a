import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppConfig, boundHeapGrowth, ConfigError, PinoLogger, parseConfig } from '@atelier/platform';
import { WorkerModule } from './app/worker.module';

/** A worker: a Nest application context (no HTTP API) that only runs job handlers, in distributed mode. */
async function bootstrap(): Promise<void> {
  boundHeapGrowth();
  let parsed: AppConfig;
  try {
    parsed = parseConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  if (parsed.mode !== 'distributed') {
    console.error('The worker runs in distributed mode only: set DATABASE_URL=postgres://… and REDIS_URL=redis://… (or QUEUE_BACKEND=postgres). Embedded mode runs its workers inside `npm start`.');
    process.exit(78);
  }
  // A worker process always runs handlers, whatever RUN_WORKERS says for API processes.
  const config = new AppConfig({ ...parsed.values, runWorkers: true });
  const logger = new PinoLogger(config.values.logLevel);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger, abortOnError: false });
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  logger.log(
    `Atelier worker (queue ${config.queueBackend}, provider ${config.visionProvider}, concurrency ${config.values.workerConcurrency}) started`,
    'Bootstrap',
  );
}

bootstrap().catch((err) => {
  console.error(`Atelier worker failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
