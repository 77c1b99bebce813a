import 'reflect-metadata';
import { boundHeapGrowth, ConfigError, PinoLogger, ShutdownState, parseConfig, type AppConfig } from '@atelier/platform';
import { METRICS_REGISTRY } from '@atelier/jobs';
import { createApp } from './app/create-app';
import { serveMetrics } from './app/metrics-port';

async function bootstrap(): Promise<void> {
  boundHeapGrowth();
  let config: AppConfig;
  try {
    config = parseConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  const logger = new PinoLogger(config.values.logLevel);
  const app = await createApp(config, { logger });
  const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];
  app.get(ShutdownState).drainOn(signals);
  app.enableShutdownHooks(signals);
  await app.listen(config.values.port, config.values.host);
  if (config.values.metricsPort) {
    const metrics = await serveMetrics(app.get(METRICS_REGISTRY), config.values.metricsPort, config.values.host);
    process.once('SIGTERM', () => metrics.close());
    logger.log(`Metrics on http://${config.values.host}:${config.values.metricsPort}/metrics (no authentication)`, 'Bootstrap');
  }
  const url = `http://${config.values.host === '0.0.0.0' ? 'localhost' : config.values.host}:${config.values.port}`;
  logger.log(`Atelier (${config.mode}, provider ${config.visionProvider}) listening on ${url}  ·  API docs ${url}/api/docs`, 'Bootstrap');
}

bootstrap().catch((err) => {
  console.error(`Atelier failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
